using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.GetWebhookEndpoint;

/// <summary>One of the client's endpoints (another client's is not found).</summary>
public sealed record GetWebhookEndpointQuery(ClientId ClientId, Guid Id) : IQuery<Result<WebhookEndpointDetails>>;

public sealed class GetWebhookEndpointQueryHandler(IWebhookStore store) : IQueryHandler<GetWebhookEndpointQuery, Result<WebhookEndpointDetails>>
{
    public async ValueTask<Result<WebhookEndpointDetails>> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await store.FindEndpointAsync(query.ClientId, query.Id, cancellationToken) is { } endpoint
            ? endpoint.Details()
            : WebhookErrors.EndpointNotFound(query.Id);
    }
}
