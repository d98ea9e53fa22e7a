using Mediator;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.ListOperatorWebhookEndpoints;

/// <summary>
/// For operators: the webhook endpoints of every client (or of <paramref name="ClientId"/>), by client then oldest
/// first, each with its last attempt, its failures since its last success and its last 24 hours of deliveries.
/// </summary>
public sealed record ListOperatorWebhookEndpointsQuery(ClientId? ClientId = null) : IQuery<IReadOnlyList<OperatorWebhookEndpoint>>;

public sealed class ListOperatorWebhookEndpointsQueryHandler(IWebhookOperatorReader reader, TimeProvider clock)
    : IQueryHandler<ListOperatorWebhookEndpointsQuery, IReadOnlyList<OperatorWebhookEndpoint>>
{
    public async ValueTask<IReadOnlyList<OperatorWebhookEndpoint>> Handle(ListOperatorWebhookEndpointsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListEndpointsAsync(query.ClientId, failingOnly: false, clock.GetUtcNow(), cancellationToken);
    }
}
