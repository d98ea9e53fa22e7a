using Shield.Application.Webhooks.Contracts;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.Ports;

/// <summary>The operators' reads across every client: endpoints with how their deliveries go, and the deliveries themselves.</summary>
public interface IWebhookOperatorReader
{
    /// <summary>
    /// The endpoints (not deleted) of every client, or of <paramref name="clientId"/>, by client then oldest first; only
    /// the failing ones (disabled, or failing since a time) when <paramref name="failingOnly"/>. Counts from <paramref name="now"/> back 24 hours.
    /// </summary>
    Task<IReadOnlyList<OperatorWebhookEndpoint>> ListEndpointsAsync(ClientId? clientId, bool failingOnly, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The deliveries that match, newest first, one page.</summary>
    Task<OperatorWebhookDeliveryPage> ListDeliveriesAsync(WebhookDeliveryFilter filter, int page, int pageSize, CancellationToken cancellationToken);
}
