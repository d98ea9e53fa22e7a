using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Application.Refunds.ReconcileRefunds;

namespace Shield.Infrastructure.Reconciliation;

/// <summary>
/// Runs the reconciler every Reconciliation:Interval in every instance (it is safe with several: each payment is
/// decided under optimistic concurrency). A failed pass is logged and the next one tries again.
/// </summary>
internal sealed partial class ReconciliationService(
    IServiceScopeFactory scopes,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock,
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
            if (!await PassAsync("payments", async sender =>
                {
                    var report = await sender.Send(new ReconcilePendingAttemptsCommand(), stoppingToken);
                    if (!report.DidNothing)
                    {
                        LogPass(logger, report.Queried, report.Settled, report.Expired, report.CallbacksMatched, report.CallbacksSwept, report.Failed);
                    }
                }, stoppingToken)
                || !await PassAsync("refunds", async sender =>
                {
                    var report = await sender.Send(new ReconcileRefundsCommand(options.Value.BatchSize, options.Value.ReprocessCallbacksAfter), stoppingToken);
                    if (!report.DidNothing)
                    {
                        LogRefundPass(logger, report.CallbacksProcessed, report.VerificationsAsked, report.GivenToPerson, report.Failed);
                    }
                }, stoppingToken))
            {
                break;
            }
        }
    }

    /// <summary>Runs one pass; false once the host is stopping. A failed pass is logged and tried again at the next tick.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed pass (database down, Daraja down) must not stop the reconciler; it is logged and retried at the next tick.")]
    private async Task<bool> PassAsync(string module, Func<ISender, Task> pass, CancellationToken stoppingToken)
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
            return true;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: {Queried} queried, {Settled} settled, {Expired} expired, {Matched} stray callbacks applied, {Swept} unprocessed callbacks processed, {Failed} failed (retried next pass)")]
    private static partial void LogPass(ILogger logger, int queried, int settled, int expired, int matched, int swept, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund reconciliation: {Processed} callbacks processed, {Asked} Transaction Status questions asked, {Given} refunds given to a person, {Failed} failed (retried next pass)")]
    private static partial void LogRefundPass(ILogger logger, int processed, int asked, int given, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation pass failed ({Module}, {ExceptionType}); the next pass will try again")]
    private static partial void LogFailed(ILogger logger, string module, string exceptionType);
}
