using Microsoft.EntityFrameworkCore;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The operators' reads across clients. An attempt is a delivery when it got a 2xx answer (the sender's rule,
/// <see cref="WebhookAttemptResult.Succeeded"/>): the attempts store the status code, not the verdict.
/// </summary>
internal sealed class WebhookOperatorReader(ShieldDbContext db) : IWebhookOperatorReader
{
    public Task<IReadOnlyList<OperatorWebhookEndpoint>> ListEndpointsAsync(ClientId? clientId, bool failingOnly, DateTimeOffset now, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var query = db.WebhookEndpoints.AsNoTracking().Where(e => e.DeletedAt == null);
            if (clientId is { } client)
            {
                query = query.Where(e => e.ClientId == client);
            }

            if (failingOnly)
            {
                query = query.Where(e => e.DisabledAt != null || e.FailingSince != null);
            }

            var endpoints = await query.ToListAsync(cancellationToken);
            if (endpoints.Count == 0)
            {
                return (IReadOnlyList<OperatorWebhookEndpoint>)[];
            }

            var ids = endpoints.Select(e => e.Id).ToList();
            var since = now - TimeSpan.FromHours(24);
            var counts = (await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.EndpointId) && d.CreatedAt >= since)
                .GroupBy(d => new { d.EndpointId, d.Status })
                .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken)).ToLookup(c => c.EndpointId);

            var attempts = db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.EndpointId))
                .SelectMany(d => d.Attempts, (d, a) => new { d.EndpointId, a.At, a.StatusCode, a.Error });
            var last = (await attempts.GroupBy(a => a.EndpointId).Select(g => g.OrderByDescending(a => a.At).First()).ToListAsync(cancellationToken))
                .ToDictionary(a => a.EndpointId);
            var failures = await attempts
                .Where(a => !(a.StatusCode >= 200 && a.StatusCode < 300)
                    && !attempts.Any(s => s.EndpointId == a.EndpointId && s.StatusCode >= 200 && s.StatusCode < 300 && s.At > a.At))
                .GroupBy(a => a.EndpointId).Select(g => new { EndpointId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.EndpointId, g => g.Count, cancellationToken);

            return (IReadOnlyList<OperatorWebhookEndpoint>)[.. endpoints.OrderBy(e => e.ClientId.Value, StringComparer.Ordinal).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
                .Select(e => new OperatorWebhookEndpoint
                {
                    Id = e.Id,
                    ClientId = e.ClientId.Value,
                    Url = e.Url,
                    EventTypes = e.EventTypes,
                    Description = e.Description,
                    Disabled = e.DisabledAt is not null,
                    DisabledAt = e.DisabledAt,
                    DisabledReason = e.DisabledReason,
                    FailingSince = e.FailingSince,
                    CreatedAt = e.CreatedAt,
                    LastAttempt = last.TryGetValue(e.Id, out var a) ? new WebhookLastAttempt(a.At, a.StatusCode is >= 200 and < 300, a.StatusCode, a.Error) : null,
                    ConsecutiveFailures = failures.GetValueOrDefault(e.Id),
                    Last24Hours = new WebhookDeliveryCounts(
                        Count(counts[e.Id].Where(c => c.Status == WebhookDeliveryStatus.Pending).Select(c => c.Count)),
                        Count(counts[e.Id].Where(c => c.Status == WebhookDeliveryStatus.Succeeded).Select(c => c.Count)),
                        Count(counts[e.Id].Where(c => c.Status == WebhookDeliveryStatus.Failed).Select(c => c.Count))),
                })];
        });

    public Task<OperatorWebhookDeliveryPage> ListDeliveriesAsync(WebhookDeliveryFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var query = db.WebhookDeliveries.AsNoTracking();
            if (filter.ClientId is { } client)
            {
                query = query.Where(d => d.ClientId == client.Value);
            }

            if (filter.EndpointId is { } endpointId)
            {
                query = query.Where(d => d.EndpointId == endpointId);
            }

            if (filter.EventId is { } eventId)
            {
                query = query.Where(d => d.EventId == eventId);
            }

            if (filter.PaymentId is { } paymentId)
            {
                // The payment's own events (its stream) and its refunds' (whose stream is the refund, found by the event).
                var eventsOfPayment = db.Events.Where(e => e.PaymentId == paymentId).Select(e => e.Id);
                query = query.Where(d => d.StreamId == paymentId || eventsOfPayment.Contains(d.EventId));
            }

            if (filter.FailedOnly)
            {
                query = query.Where(d => d.Status == WebhookDeliveryStatus.Failed);
            }

            var total = await query.CountAsync(cancellationToken);
            var rows = total == 0
                ? []
                : await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Sequence).ThenByDescending(d => d.Id)
                    .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            var endpointIds = rows.Select(d => d.EndpointId).Distinct().ToList();
            var eventIds = rows.Select(d => d.EventId).Distinct().ToList();
            var urls = rows.Count == 0
                ? []
                : await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Url, cancellationToken);
            var payments = rows.Count == 0
                ? []
                : await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.PaymentId, cancellationToken);
            return new OperatorWebhookDeliveryPage([.. rows.Select(d => Operator(d, urls.GetValueOrDefault(d.EndpointId, string.Empty), PaymentOf(d, payments)))],
                page, pageSize, total);
        });

    private static int Count(IEnumerable<int> counts) => counts.Sum();

    /// <summary>The event's payment; when its event is no longer kept, a payment event's stream is still its payment.</summary>
    private static Guid? PaymentOf(WebhookDelivery delivery, Dictionary<Guid, Guid> payments) =>
        payments.TryGetValue(delivery.EventId, out var paymentId) ? paymentId
        : delivery.EventType.StartsWith("payment.", StringComparison.Ordinal) ? delivery.StreamId
        : null;

    private static OperatorWebhookDelivery Operator(WebhookDelivery delivery, string url, Guid? paymentId)
    {
        var details = delivery.Details();
        var lastAttempt = details.Attempts.Count == 0 ? null : details.Attempts[^1];
        return new OperatorWebhookDelivery
        {
            Id = delivery.Id,
            EndpointId = delivery.EndpointId,
            EndpointUrl = url,
            ClientId = delivery.ClientId,
            EventId = delivery.EventId,
            EventType = delivery.EventType,
            PaymentId = paymentId,
            Status = delivery.Status,
            AttemptCount = delivery.AttemptCount,
            LastStatusCode = lastAttempt?.StatusCode,
            LastError = lastAttempt?.Error,
            LastAttemptAt = lastAttempt?.At,
            NextAttemptAt = details.NextAttemptAt,
            CreatedAt = delivery.CreatedAt,
            DeliveredAt = delivery.SucceededAt,
            CompletedAt = delivery.CompletedAt,
            Attempts = details.Attempts,
        };
    }
}
