using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Common.Telemetry;
using Shield.Application.Webhooks.Common;
using Shield.Domain.Webhooks;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// Posts the due webhook deliveries, in every instance: it takes each with a compare-and-set lease on its row (so two
/// instances never send the same attempt), only the earliest pending one of a payment for an endpoint (one payment's
/// events arrive in order; other payments never wait), sends several at once, and records each attempt: received,
/// due again on the retry schedule (Retry-After honoured), or given up; 410 Gone, or failing for Webhooks:DisableAfter,
/// disables the endpoint. A process killed mid-send loses nothing: the lease runs out and the delivery is sent again,
/// with the same webhook-id (receivers dedupe on it).
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    IOptions<WebhooksOptions> options,
    IOptions<WebhookOptions> policy,
    TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private const int MaxConcurrentSends = 8;


    /// <summary>This worker's name in the rows it leases: unique per process start.</summary>
    public string Owner { get; } = $"{Guid.NewGuid():N}/{Environment.ProcessId}" is var owner && owner.Length > 64 ? owner[..64] : owner;

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed round (the database down) must not stop the worker; it is logged and the next round tries again.")]
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DeliverDueAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextCleanup)
                {
                    nextCleanup = clock.GetUtcNow() + TimeSpan.FromHours(1);
                    await CleanUpAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRoundFailed(logger, exception.GetType().Name);
            }

            if (sent == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Deletes the settled deliveries of events past Webhooks:EventRetention (hourly, and once at start).</summary>
    internal async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WebhookStore>();
        return await store.DeleteSettledBeforeAsync(clock.GetUtcNow() - policy.Value.EventRetention,
            scope.ServiceProvider.GetRequiredService<SqliteWriteGate>(), cancellationToken);
    }

    /// <summary>
    /// One round: lists what is due and sends it, each delivery leased only when its send starts (so no lease runs out
    /// while it waits its turn); returns how many were due.
    /// </summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await DueAsync(cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSends, CancellationToken = cancellationToken },
            async (id, ct) => await DeliverAsync(id, ct));
        return due.Count;
    }

    private async Task<List<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
        var now = clock.GetUtcNow();
        var due = await Due(db, now).AsNoTracking()
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => new { d.Id, d.EndpointId })
            .Take(options.Value.BatchSize * 2)
            .ToListAsync(cancellationToken);

        // Endpoints take turns (the sends start in this order), and none takes more than half a round: a receiver that
        // never answers holds up mostly its own deliveries.
        var perEndpoint = Math.Max(1, options.Value.BatchSize / 2);
        return [.. due.GroupBy(d => d.EndpointId)
            .SelectMany(endpoint => endpoint.Take(perEndpoint).Select((delivery, turn) => (delivery.Id, Turn: turn)))
            .OrderBy(d => d.Turn)
            .Take(options.Value.BatchSize)
            .Select(d => d.Id)];
    }

    /// <summary>
    /// Takes the delivery with a compare-and-set on its row, re-checking everything that made it due (still pending and
    /// due, no lease, nothing earlier of its payment pending for its endpoint): of two instances, one takes it.
    /// </summary>
    private async Task<bool> LeaseAsync(ShieldDbContext db, SqliteWriteGate gate, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + LeaseDuration;
        var taken = 0;
        await gate.RunAsync(async ct => taken = await Due(db, now).Where(d => d.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => EF.Property<string?>(d, "LeaseOwner"), Owner)
                .SetProperty(d => EF.Property<DateTimeOffset?>(d, "LeasedUntil"), until), ct), cancellationToken);
        return taken == 1;
    }

    /// <summary>
    /// What may be sent at <paramref name="now"/>: pending and due, not leased, and nothing earlier of its payment still
    /// pending for its endpoint that a receiver never had (one payment's, or refund's, events in order). The listing and the lease
    /// both read it, so the lease re-checks exactly what made a delivery due.
    /// </summary>
    private static IQueryable<WebhookDelivery> Due(ShieldDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                && (EF.Property<DateTimeOffset?>(d, "LeasedUntil") == null || EF.Property<DateTimeOffset?>(d, "LeasedUntil") < now)
                && !db.WebhookDeliveries.Any(p => p.EndpointId == d.EndpointId && p.StreamId == d.StreamId && p.Sequence < d.Sequence
                    && p.Status == WebhookDeliveryStatus.Pending && p.SucceededAt == null));

    /// <summary>A lease outlives the longest attempt (the timeout) with room for recording it.</summary>
    private TimeSpan LeaseDuration => options.Value.Timeout * 2 + TimeSpan.FromSeconds(30);

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One delivery's failure to be recorded must not stop the others; its lease runs out and it is sent again.")]
    private async Task DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ShieldDbContext>();
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            if (!await LeaseAsync(db, services.GetRequiredService<SqliteWriteGate>(), id, cancellationToken))
            {
                return; // another instance took it, or it is no longer due
            }

            var (delivery, endpoint) = await LoadAsync(db, id, cancellationToken);
            if (delivery is null)
            {
                return;
            }

            using var activity = ShieldTelemetry.Source.StartActivity("WebhookDelivery");
            activity?.SetTag("shield.event.type", delivery.EventType);

            if (endpoint is not { IsActive: true })
            {
                delivery.Abandon(clock.GetUtcNow());
                Release(db, delivery);
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
                return;
            }

            var result = await services.GetRequiredService<WebhookSender>()
                .SendAsync(new Uri(endpoint.Url), endpoint.SecretsAt(clock.GetUtcNow()), delivery.EventId.ToString(), Encoding.UTF8.GetBytes(delivery.Body), cancellationToken);
            await RecordAsync(db, unitOfWork, id, result, services.GetRequiredService<ShieldMetrics>());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogDeliveryNotRecorded(logger, id, exception.GetType().Name);
        }
    }

    /// <summary>
    /// Records what the receiver answered, decided again on the rows as they now stand when another instance changed the
    /// endpoint meanwhile (its failure count): the attempt is never made twice to record it once.
    /// </summary>
    private async Task RecordAsync(ShieldDbContext db, IUnitOfWork unitOfWork, Guid id, WebhookAttemptResult result, ShieldMetrics metrics)
    {
        for (var round = 1; ; round++)
        {
            var (delivery, endpoint) = await LoadAsync(db, id, CancellationToken.None);
            if (delivery is null || endpoint is null)
            {
                return;
            }

            if (!Equals(db.Entry(delivery).Property("LeaseOwner").CurrentValue, Owner))
            {
                // Our lease ran out and another instance took the delivery: it sends and records it; this send was extra.
                LogLeaseLost(logger, delivery.Id, delivery.EventId);
                return;
            }

            var now = clock.GetUtcNow();
            var attempt = new WebhookAttempt(Guid.CreateVersion7(), delivery.AttemptCount + 1, now - result.Duration, result.StatusCode,
                (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds), Printable(result.ResponseExcerpt, WebhookSender.ExcerptBytes),
                Printable(result.Error, MaxErrorLength));
            var disabled = false;
            TimeSpan? retryIn = null;
            if (result.Succeeded)
            {
                endpoint.RecordSuccess(now);
            }
            else
            {
                disabled = endpoint.RecordFailure(result.Gone, policy.Value.DisableAfter, now);
                retryIn = WebhookRetrySchedule.NextDelay(options.Value.EffectiveRetrySchedule, delivery.RoundAttempts + 1, result.RetryAfter, Random.Shared.NextDouble);
            }

            delivery.Record(attempt, result.Succeeded, retryIn, endpoint.IsActive, now);
            Release(db, delivery);
            try
            {
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
            }
            catch (ConcurrencyConflictException) when (round < 5)
            {
                unitOfWork.DiscardChanges();
                continue;
            }

            // Counted once recorded: an attempt whose record was lost is made again, and counted then.
            metrics.WebhookDelivery(
                result.Succeeded ? "delivered"
                : result.Error?.StartsWith(WebhookSender.RefusedAddressError, StringComparison.Ordinal) == true ? "refused_address"
                : delivery.Status == WebhookDeliveryStatus.Pending ? "failed"
                : "gave_up",
                result.Succeeded ? now - delivery.CreatedAt : null);
            if (!result.Succeeded)
            {
                LogAttemptFailed(logger, delivery.Id, delivery.EventId, delivery.EventType, endpoint.Id, attempt.Number, result.StatusCode, result.Error ?? "-",
                    delivery.Status == WebhookDeliveryStatus.Pending ? (delivery.NextAttemptAt - now).TotalSeconds : -1);
            }

            if (disabled)
            {
                LogEndpointDisabled(logger, endpoint.Id, endpoint.DisabledReason ?? "-");
            }

            return;
        }
    }

    /// <summary>The most an attempt's error may hold (its column's size).</summary>
    private const int MaxErrorLength = 512;

    /// <summary>What the receiver sent, as text every database stores: no NUL or other control characters, at most <paramref name="max"/> characters.</summary>
    internal static string? Printable(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new string([.. text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]);
        return kept.Length <= max ? kept : kept[..max];
    }

    private static async Task<(WebhookDelivery? Delivery, WebhookEndpoint? Endpoint)> LoadAsync(ShieldDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var endpoint = delivery is null ? null : await db.WebhookEndpoints.AsTracking().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        return (delivery, endpoint);
    }

    private static void Release(ShieldDbContext db, WebhookDelivery delivery)
    {
        var entry = db.Entry(delivery);
        entry.Property("LeaseOwner").CurrentValue = null;
        entry.Property("LeasedUntil").CurrentValue = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of event {EventId} ({Type}) to endpoint {EndpointId}: attempt {Attempt} failed (status {StatusCode}, {Error}); next attempt in {RetryInSeconds:0} s (-1: given up)")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Guid eventId, string type, Guid endpointId, int attempt, int? statusCode, string error,
        double retryInSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of event {EventId}: its lease ran out during the send and another instance took it; this send was extra (at least once)")]
    private static partial void LogLeaseLost(ILogger logger, Guid deliveryId, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled: {Reason}")]
    private static partial void LogEndpointDisabled(ILogger logger, Guid endpointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: its attempt could not be recorded ({ExceptionType}); it is sent again once its lease runs out")]
    private static partial void LogDeliveryNotRecorded(ILogger logger, Guid deliveryId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery round failed ({ExceptionType}); the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType);
}
