using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;
using Shield.Infrastructure.Events;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The events API's reads: a client's stored events (the outbox rows, kept Webhooks:EventRetention), newest first, each
/// with its deliveries and their attempts.
/// </summary>
internal sealed class EventLog(ShieldDbContext db, IOptions<WebhookOptions> options, TimeProvider clock) : IEventLog
{
    public Task<EventPage> ListAsync(ClientId clientId, EventFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var query = Visible(clientId);
            if (filter.Type is { } type)
            {
                query = query.Where(e => e.Type == type);
            }

            if (filter.PaymentId is { } paymentId)
            {
                query = query.Where(e => e.PaymentId == paymentId);
            }

            if (filter.CreatedFrom is { } from)
            {
                query = query.Where(e => e.OccurredAt >= from);
            }

            if (filter.CreatedTo is { } to)
            {
                query = query.Where(e => e.OccurredAt <= to);
            }

            if (filter.DeliverySuccess is { } delivered)
            {
                var undelivered = db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Succeeded).Select(d => d.EventId);
                query = delivered ? query.Where(e => !undelivered.Contains(e.Id)) : query.Where(e => undelivered.Contains(e.Id));
            }

            var total = await query.CountAsync(cancellationToken);
            var rows = total == 0
                ? []
                : await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.PaymentId).ThenByDescending(e => e.Sequence)
                    .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new EventPage(await DetailsAsync(rows, cancellationToken), page, pageSize, total);
        });

    public Task<EventDetails?> FindAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await Visible(clientId).FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) is { } stored
                ? (await DetailsAsync([stored], cancellationToken))[0]
                : null);

    public Task<StoredEventEnvelope?> FindEnvelopeAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await Visible(clientId).FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) is { } stored
                ? new StoredEventEnvelope(stored.Id, stored.Type, stored.StreamId, stored.Sequence, EventEnvelope.Json(stored.Id, stored.Type, stored.OccurredAt, stored.Data))
                : null);

    public Task<IReadOnlyList<StreamedEvent>?> ListPaymentEventsAsync(ClientId clientId, Guid paymentId, Guid? afterEventId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var events = db.Events.AsNoTracking().Where(e => e.StreamId == paymentId && e.ClientId == clientId.Value); // the payment's own events
            var after = afterEventId is { } last ? await events.Where(e => e.Id == last).Select(e => (int?)e.Sequence).FirstOrDefaultAsync(cancellationToken) : null;
            var rows = await events.Where(e => e.Sequence > (after ?? 0)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            if (rows.Count == 0 && after is null && !await events.AnyAsync(cancellationToken))
            {
                return null;
            }

            return (IReadOnlyList<StreamedEvent>)[.. rows.Select(e =>
            {
                using var data = JsonDocument.Parse(e.Data);
                var status = data.RootElement.TryGetProperty("status", out var value) ? value.GetString() ?? string.Empty : string.Empty;
                return new StreamedEvent(e.Id, e.Type, e.Sequence, EventEnvelope.Json(e.Id, e.Type, e.OccurredAt, e.Data), status);
            })];
        });

    private IQueryable<StoredEvent> Visible(ClientId clientId)
    {
        var since = clock.GetUtcNow() - options.Value.EventRetention;
        return db.Events.AsNoTracking().Where(e => e.ClientId == clientId.Value && e.OccurredAt >= since);
    }

    private async Task<List<EventDetails>> DetailsAsync(List<StoredEvent> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(e => e.Id).ToList();
        var deliveries = (await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.EventId)).ToListAsync(cancellationToken)).ToLookup(d => d.EventId);
        return [.. rows.Select(e =>
        {
            using var data = JsonDocument.Parse(e.Data);
            return new EventDetails
            {
                Id = e.Id,
                Type = e.Type,
                Timestamp = e.OccurredAt,
                PaymentId = e.PaymentId,
                Data = data.RootElement.Clone(),
                Deliveries = [.. deliveries[e.Id].OrderBy(d => d.CreatedAt).Select(d => d.Details())],
            };
        })];
    }
}
