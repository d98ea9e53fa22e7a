using Mediator;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.ListInboundCallbacks;
using Shield.Domain.Callbacks;

namespace Shield.WebApi.OperatorConsole.Pages.Callbacks;

public sealed class CallbacksModel(IMediator mediator) : ConsolePage
{
    public static IReadOnlyList<CallbackOutcome> Choices { get; } = [CallbackOutcome.Unmatched, CallbackOutcome.Malformed, CallbackOutcome.SourceRejected];

    public InboundCallbackPage Inbox { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<CallbackOutcome> Outcomes { get; private set; } = Choices;

    public async Task OnGetAsync(CallbackOutcome[]? outcome, int page = 1)
    {
        Outcomes = outcome is { Length: > 0 } chosen ? [.. chosen.Where(Choices.Contains).Distinct()] : Choices;
        Inbox = await mediator.Send(new ListInboundCallbacksQuery(Outcomes, null, Math.Max(1, page)), HttpContext.RequestAborted);
    }
}
