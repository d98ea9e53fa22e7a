using Mediator;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.OperatorConsole.ListAudit;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.OperatorConsole.Pages;

public sealed class AuditModel(IMediator mediator) : ConsolePage
{
    public AuditPage Entries { get; private set; } = new([], 1, ListAuditEntriesQuery.DefaultPageSize, 0);

    public string? ActorFilter { get; private set; }

    public string? ActionFilter { get; private set; }

    public string? ObjectId { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public async Task OnGetAsync(string? actor, string? action, string? objectId, DateOnly? from, DateOnly? to, int page = 1)
    {
        (ActorFilter, ActionFilter, ObjectId, From, To) = (actor, action, objectId, from, to);
        if (from > to)
        {
            Problem = "The end date is before the start date.";
            return;
        }

        Entries = await mediator.Send(new ListAuditEntriesQuery(new AuditFilter(actor, action, null, objectId, ConsoleText.DayStart(from), ConsoleText.DayEnd(to)),
            Math.Max(1, page)), HttpContext.RequestAborted);
    }
}
