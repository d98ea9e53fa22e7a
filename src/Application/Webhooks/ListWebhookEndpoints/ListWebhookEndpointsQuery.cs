using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.ListWebhookEndpoints;

/// <summary>The client's webhook endpoints, oldest first.</summary>
public sealed record ListWebhookEndpointsQuery(ClientId ClientId) : IQuery<IReadOnlyList<WebhookEndpointDetails>>;

public sealed class ListWebhookEndpointsQueryHandler(IWebhookStore store) : IQueryHandler<ListWebhookEndpointsQuery, IReadOnlyList<WebhookEndpointDetails>>
{
    public async ValueTask<IReadOnlyList<WebhookEndpointDetails>> Handle(ListWebhookEndpointsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. (await store.ListEndpointsAsync(query.ClientId, cancellationToken)).Select(e => e.Details())];
    }
}
