using Shield.Application.Common.Persistence;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.Ports;

/// <summary>Webhook endpoints and their deliveries, tracked for the commands that change them.</summary>
public interface IWebhookStore
{
    IUnitOfWork UnitOfWork { get; }

    void Add(WebhookEndpoint endpoint);

    void Add(WebhookDelivery delivery);

    /// <summary>The client's endpoint (not deleted), tracked; null when there is none or it is another client's.</summary>
    Task<WebhookEndpoint?> FindEndpointAsync(ClientId clientId, Guid id, CancellationToken cancellationToken);

    /// <summary>The client's endpoints (not deleted), oldest first, not tracked.</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(ClientId clientId, CancellationToken cancellationToken);

    /// <summary>The client's enabled endpoints, not tracked: those an event is sent to.</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListActiveEndpointsAsync(ClientId clientId, CancellationToken cancellationToken);

    /// <summary>The endpoints that already have a delivery of this event (so that an event handled again adds none).</summary>
    Task<IReadOnlyList<Guid>> ListEndpointsDeliveringAsync(Guid eventId, CancellationToken cancellationToken);

    /// <summary>The client's deliveries of this event, tracked.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken);

    /// <summary>The endpoint's deliveries still being retried, tracked.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListPendingDeliveriesAsync(Guid endpointId, CancellationToken cancellationToken);

    /// <summary>The endpoint's failed deliveries of events since <paramref name="since"/>, oldest first, tracked.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListFailedDeliveriesAsync(Guid endpointId, DateTimeOffset since, CancellationToken cancellationToken);
}
