using Mediator;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.ListEvents;

/// <summary>The client's events, newest first: missed-event recovery (<c>deliverySuccess=false</c>: those with an undelivered endpoint).</summary>
public sealed record ListEventsQuery(ClientId ClientId, EventFilter Filter, int Page = 1, int PageSize = ListEventsQuery.DefaultPageSize) : IQuery<EventPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListEventsQueryHandler(IEventLog events) : IQueryHandler<ListEventsQuery, EventPage>
{
    public async ValueTask<EventPage> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter with { CreatedFrom = query.Filter.CreatedFrom?.ToUniversalTime(), CreatedTo = query.Filter.CreatedTo?.ToUniversalTime() };
        return await events.ListAsync(query.ClientId, filter, query.Page, query.PageSize, cancellationToken);
    }
}
