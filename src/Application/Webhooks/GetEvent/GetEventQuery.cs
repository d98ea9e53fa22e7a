using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.GetEvent;

/// <summary>One of the client's events with every delivery attempt (another client's is not found).</summary>
public sealed record GetEventQuery(ClientId ClientId, Guid EventId) : IQuery<Result<EventDetails>>;

public sealed class GetEventQueryHandler(IEventLog events) : IQueryHandler<GetEventQuery, Result<EventDetails>>
{
    public async ValueTask<Result<EventDetails>> Handle(GetEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await events.FindAsync(query.ClientId, query.EventId, cancellationToken) is { } found ? found : WebhookErrors.EventNotFound(query.EventId);
    }
}
