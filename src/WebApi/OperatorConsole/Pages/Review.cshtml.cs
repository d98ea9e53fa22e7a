using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.ListReviewQueue;

namespace Shield.WebApi.OperatorConsole.Pages;

public sealed class ReviewModel(IMediator mediator) : ConsolePage
{
    public ReviewQueuePage Queue { get; private set; } = new([], 1, 20, 0);

    public string? Reason { get; private set; }

    public async Task OnGetAsync(string? reason, int page = 1)
    {
        Reason = string.IsNullOrWhiteSpace(reason) || !Shield.Domain.Payments.ReviewReason.All.Any(r => r.Code == reason) ? null : reason;
        Queue = await mediator.Send(new ListReviewQueueQuery(Reason, Math.Max(1, page)), HttpContext.RequestAborted);
    }
}
