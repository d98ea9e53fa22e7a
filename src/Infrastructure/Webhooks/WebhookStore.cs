using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Webhooks;

/// <summary>The Webhooks module's endpoints and deliveries, in Shield's database.</summary>
internal sealed class WebhookStore(ShieldDbContext db, IUnitOfWork unitOfWork) : IWebhookStore
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(WebhookEndpoint endpoint) => db.WebhookEndpoints.Add(endpoint);

    public void Add(WebhookDelivery delivery) => db.WebhookDeliveries.Add(delivery);

    public Task<WebhookEndpoint?> FindEndpointAsync(ClientId clientId, Guid id, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => db.WebhookEndpoints.AsTracking()
            .FirstOrDefaultAsync(e => e.Id == id && e.ClientId == clientId && e.DeletedAt == null, cancellationToken));

    public Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(ClientId clientId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<WebhookEndpoint>)await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.ClientId == clientId && e.DeletedAt == null).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<WebhookEndpoint>> ListActiveEndpointsAsync(ClientId clientId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<WebhookEndpoint>)await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.ClientId == clientId && e.DeletedAt == null && e.DisabledAt == null).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<Guid>> ListEndpointsDeliveringAsync(Guid eventId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<Guid>)await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EventId == eventId).Select(d => d.EndpointId).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<WebhookDelivery>)await db.WebhookDeliveries.AsTracking()
            .Where(d => d.EventId == eventId && d.ClientId == clientId.Value).ToListAsync(cancellationToken));

    /// <summary>
    /// Deletes the deliveries (and their attempts) of events older than <paramref name="cutoff"/> that are no longer
    /// being tried: the events API shows events only that long. Returns how many.
    /// </summary>
    public Task<int> DeleteSettledBeforeAsync(DateTimeOffset cutoff, SqliteWriteGate gate, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var deleted = 0;
            await gate.RunAsync(async ct => deleted = await db.WebhookDeliveries
                .Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAt < cutoff).ExecuteDeleteAsync(ct), cancellationToken);
            return deleted;
        });

    public Task<IReadOnlyList<WebhookDelivery>> ListPendingDeliveriesAsync(Guid endpointId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<WebhookDelivery>)await db.WebhookDeliveries.AsTracking()
            .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<WebhookDelivery>> ListFailedDeliveriesAsync(Guid endpointId, DateTimeOffset since, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<WebhookDelivery>)(await db.WebhookDeliveries.AsTracking()
            .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Failed && d.CreatedAt >= since)
            .ToListAsync(cancellationToken)).OrderBy(d => d.CreatedAt).ThenBy(d => d.Sequence).ToList());
}
