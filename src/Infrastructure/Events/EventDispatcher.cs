using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Events;
using Shield.Application.Common.Persistence;

namespace Shield.Infrastructure.Events;

/// <summary>
/// Delivers the outbox's events to their handlers, at least once, in Sequence order per payment, in every instance:
/// it leases rows (<see cref="EventLeases"/>), gives each event to its module's handlers (<see cref="IEventDelivery"/>),
/// and marks it delivered, or, when a handler failed, due again after a backoff (which holds up only that payment's
/// later events). It wakes on this process's commits (<see cref="EventSignal"/>) and polls for the others', and deletes
/// delivered events past Events:Retention. A process killed between a commit and its delivery loses nothing: the rows
/// are there, and delivered after the restart (or by another instance once the lease runs out).
/// </summary>
internal sealed partial class EventDispatcher(
    IServiceScopeFactory scopes,
    EventSignal signal,
    IEnumerable<IEventDelivery> deliveries,
    IOptions<EventsOptions> options,
    TimeProvider clock,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    /// <summary>How many events (of different payments) are delivered at once.</summary>
    private const int MaxParallelDeliveries = 4;

    /// <summary>This dispatcher's name in the rows it leases: unique per process start.</summary>
    public string Owner { get; } = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}" is var owner && owner.Length > 64 ? owner[..64] : owner;

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed round (the database down) must not stop the dispatcher; it is logged and the next round tries again.")]
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatchEnabled)
        {
            return;
        }

        var nextCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await DispatchOnceAsync(settings, stoppingToken);
                if (clock.GetUtcNow() >= nextCleanup)
                {
                    nextCleanup = clock.GetUtcNow() + CleanupEvery;
                    await CleanUpAsync(settings, stoppingToken);
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

            if (delivered == 0)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One lease's worth: returns how many events it handled (delivered or failed), 0 when none was due.</summary>
    internal async Task<int> DispatchOnceAsync(EventsOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<EventLeases>();
        var now = clock.GetUtcNow();
        var batch = await leases.LeaseAsync(Owner, now, now + settings.LeaseDuration, settings.BatchSize, cancellationToken);

        // A lease holds at most one event per payment (each payment's earliest undelivered one), so the batch's events
        // are delivered side by side, each in a scope of its own: one payment's order is kept by the lease, not by this loop.
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeliveries, CancellationToken = cancellationToken },
            async (stored, ct) =>
            {
                // A lease that ran out while the batch was delivered may be another dispatcher's by now: delivering it
                // here could put one payment's events out of order. It is left to whoever holds it.
                if (clock.GetUtcNow() < stored.LeasedUntil)
                {
                    await using var own = scopes.CreateAsyncScope();
                    await DeliverAsync(own.ServiceProvider.GetRequiredService<EventLeases>(), stored, settings, ct);
                }
            });

        return batch.Count;
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A handler's failure is recorded on its event, which is delivered again later; it must not stop the others.")]
    private async Task DeliverAsync(EventLeases leases, StoredEvent stored, EventsOptions settings, CancellationToken cancellationToken)
    {
        var row = new OutboxEvent(stored.Id, stored.Type, stored.StreamId, stored.PaymentId, stored.Sequence, stored.ClientId, stored.OccurredAt, stored.Data);
        try
        {
            var delivery = deliveries.FirstOrDefault(d => d.Delivers(stored.Type))
                ?? throw new InvalidOperationException($"No module delivers events of type {stored.Type}.");
            // A handler that hangs is cut off when the lease would run out: a failure like any other (backoff), so it
            // holds up no other payment's events.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.LeaseDuration);
            await using (var handlers = scopes.CreateAsyncScope())
            {
                await delivery.DeliverAsync(row, handlers.ServiceProvider, deadline.Token);
            }

            if (!await leases.MarkDispatchedAsync(stored.Id, Owner, clock.GetUtcNow(), cancellationToken))
            {
                LogLeaseLost(logger, stored.Id, stored.Type);
            }
        }
        catch (Exception exception) when (exception is not DatabaseUnavailableException
            && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var backoff = Backoff(stored.Attempts + 1, settings.MaxBackoff);
            var failure = exception is AggregateException { InnerExceptions: [var first, ..] } ? first : exception;
            LogDeliveryFailed(logger, stored.Id, stored.Type, stored.PaymentId, stored.Attempts + 1, failure.GetType().Name, backoff.TotalSeconds);
            await leases.MarkFailedAsync(stored.Id, Owner, clock.GetUtcNow() + backoff, failure.GetType().Name, CancellationToken.None);
        }
    }

    private async Task CleanUpAsync(EventsOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<EventLeases>()
            .DeleteDeliveredBeforeAsync(clock.GetUtcNow() - settings.Retention, cancellationToken);
        if (deleted > 0)
        {
            LogCleanedUp(logger, deleted, settings.Retention.TotalDays);
        }
    }

    /// <summary>1 s after the first failure, doubling, at most <paramref name="max"/>.</summary>
    internal static TimeSpan Backoff(int failures, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Clamp(failures - 1, 0, 30))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({Type}) for payment {PaymentId}: delivery {Attempt} failed ({ExceptionType}); delivered again in {RetryInSeconds:0} s")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid eventId, string type, Guid paymentId, int attempt, string exceptionType, double retryInSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({Type}) was delivered, but its lease had run out and another dispatcher took it: it is delivered again (handlers are idempotent)")]
    private static partial void LogLeaseLost(ILogger logger, Guid eventId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event dispatch failed ({ExceptionType}); the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} delivered events older than {RetentionDays:0} days (Events:Retention)")]
    private static partial void LogCleanedUp(ILogger logger, int count, double retentionDays);
}
