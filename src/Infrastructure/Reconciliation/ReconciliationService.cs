using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Application.Refunds.ReconcileRefunds;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Reconciliation;

/// <summary>
/// Runs the reconciler every Reconciliation:Interval in every instance (it is safe with several: each payment is
/// decided under optimistic concurrency). A failed pass is logged and the next one tries again. Each finished pass is
/// recorded in <see cref="IReconcilerStatus"/> (this instance's memory), for the operators' view of its freshness.
/// </summary>
internal sealed partial class ReconciliationService(
    IServiceScopeFactory scopes,
    IOptions<ReconciliationOptions> options,
    IReconcilerStatus status,
    TimeProvider clock,
    ShieldMetrics metrics,
    ILogger<ReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await NextTick(timer, stoppingToken))
        {
            // Each pass in its own scope (its own unit of work), and a failure of one does not skip the other.
            var tally = new PassTally(clock.GetUtcNow(), clock.GetTimestamp());
            if (!await PassAsync("payments", tally, async sender =>
                {
                    var report = await sender.Send(new ReconcilePendingAttemptsCommand(), stoppingToken);
                    tally.Add(payments: report.Queried + report.Expired + report.CallbacksMatched + report.CallbacksSwept, refunds: 0, report.Failed);
                    if (!report.DidNothing)
                    {
                        LogPass(logger, report.Queried, report.Settled, report.Expired, report.CallbacksMatched, report.CallbacksSwept, report.Failed);
                    }
                }, stoppingToken)
                || !await PassAsync("refunds", tally, async sender =>
                {
                    var report = await sender.Send(new ReconcileRefundsCommand(options.Value.BatchSize, options.Value.ReprocessCallbacksAfter), stoppingToken);
                    tally.Add(payments: 0, refunds: report.CallbacksProcessed + report.VerificationsAsked + report.GivenToPerson, report.Failed);
                    if (!report.DidNothing)
                    {
                        LogRefundPass(logger, report.CallbacksProcessed, report.VerificationsAsked, report.GivenToPerson, report.Failed);
                    }
                }, stoppingToken))
            {
                break;
            }

            status.Record(tally.Finished(clock.GetUtcNow(), clock.GetElapsedTime(tally.Timestamp), options.Value.Interval));
            await ObservePendingAsync(stoppingToken);
        }
    }

    /// <summary>Runs one pass; false once the host is stopping. A failed pass is logged and tried again at the next tick.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed pass (database down, Daraja down) must not stop the reconciler; it is logged and retried at the next tick.")]
    private async Task<bool> PassAsync(string module, PassTally tally, Func<ISender, Task> pass, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await pass(scope.ServiceProvider.GetRequiredService<ISender>());
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return false; // a failure of the host going away, not of the pass
            }

            LogFailed(logger, module, exception.GetType().Name);
            tally.FailedParts.Add(module);
            return true;
        }
    }

    /// <summary>
    /// After each pass, and only while an exporter reads them, the pending payments by age for the gauges
    /// (<c>shield.payments.pending</c>, its oldest age, and the pass's age): one grouped count and the oldest, over the (Status, CreatedAt) index.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A gauge that cannot be read (the database down) must not stop the reconciler; the next pass reads it again.")]
    private async Task ObservePendingAsync(CancellationToken stoppingToken)
    {
        if (!metrics.PendingWatched)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = clock.GetUtcNow();
            // The console's count by age band (one grouped query), then the oldest only when there is one.
            var bands = await scope.ServiceProvider.GetRequiredService<IPaymentOperatorReader>().CountPendingAsync(
                [now - TimeSpan.FromMinutes(1), now - TimeSpan.FromMinutes(5), now - TimeSpan.FromMinutes(15)], stoppingToken);
            var oldest = bands.Sum() == 0 ? now : await scope.ServiceProvider.GetRequiredService<ShieldDbContext>().Payments.AsNoTracking()
                .Where(p => p.Status == PaymentStatus.Pending).OrderBy(p => p.CreatedAt).Select(p => p.CreatedAt).FirstAsync(stoppingToken);
            metrics.PendingObserved(bands[0], bands[1], bands[2], bands[3], now - oldest);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
        catch (Exception exception)
        {
            LogPendingNotCounted(logger, exception.GetType().Name);
        }
    }

    /// <summary>False once the host stops: also when it stops before it ever started (a port in use), which is not a failure.</summary>
    private static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>What one tick's passes did, for <see cref="IReconcilerStatus"/>.</summary>
    private sealed class PassTally(DateTimeOffset startedAt, long timestamp)
    {
        public long Timestamp { get; } = timestamp;

        public List<string> FailedParts { get; } = [];

        private int _payments;
        private int _refunds;
        private int _failed;

        public void Add(int payments, int refunds, int failed) => (_payments, _refunds, _failed) = (_payments + payments, _refunds + refunds, _failed + failed);

        public ReconcilerStatus Finished(DateTimeOffset finishedAt, TimeSpan duration, TimeSpan interval) => new()
        {
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Duration = duration,
            Failed = FailedParts.Count > 0,
            FailedParts = [.. FailedParts],
            PaymentItemsHandled = _payments,
            RefundItemsHandled = _refunds,
            ItemsFailed = _failed,
            Interval = interval,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: {Queried} queried, {Settled} settled, {Expired} expired, {Matched} stray callbacks applied, {Swept} unprocessed callbacks processed, {Failed} failed (retried next pass)")]
    private static partial void LogPass(ILogger logger, int queried, int settled, int expired, int matched, int swept, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund reconciliation: {Processed} callbacks processed, {Asked} Transaction Status questions asked, {Given} refunds given to a person, {Failed} failed (retried next pass)")]
    private static partial void LogRefundPass(ILogger logger, int processed, int asked, int given, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending payments could not be counted for the metrics ({ExceptionType}); the next pass counts them again")]
    private static partial void LogPendingNotCounted(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation pass failed ({Module}, {ExceptionType}); the next pass will try again")]
    private static partial void LogFailed(ILogger logger, string module, string exceptionType);
}
