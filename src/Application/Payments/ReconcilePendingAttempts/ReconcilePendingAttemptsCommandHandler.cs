using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// Safaricom's callbacks get lost, and a process can die between two commits, so every instance runs this on a timer:
/// callbacks stored but never processed are processed; every attempt due (<see cref="ReconciliationSchedule.IsDue"/>),
/// whatever its payment's status, is queried and settled or expired; stray callbacks are matched. Each payment and
/// each callback is decided and saved on its own (decided again after a conflict), and one that fails is logged and
/// left to the next pass without stopping the others. Nothing here ever re-sends a push.
/// </summary>
public sealed partial class ReconcilePendingAttemptsCommandHandler(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader reader,
    IMpesaGateway gateway,
    PaymentWriter writer,
    CallbackProcessor callbacks,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock,
    ILogger<ReconcilePendingAttemptsCommandHandler> logger) : ICommandHandler<ReconcilePendingAttemptsCommand, ReconciliationReport>
{
    public async ValueTask<ReconciliationReport> Handle(ReconcilePendingAttemptsCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var schedule = settings.Schedule;
        var tally = new Tally();

        // Listed first, then each read again by id: a conflict or failure on one forgets everything tracked.
        var unprocessed = await inbox.ListUnprocessedAsync(clock.GetUtcNow() - settings.ReprocessCallbacksAfter, settings.BatchSize, cancellationToken);
        foreach (var id in unprocessed.Select(c => c.Id).ToList())
        {
            await Isolated(tally, "callback", id, async () =>
            {
                tally.Swept += await callbacks.ProcessAsync(id) is null ? 0 : 1;
            }, cancellationToken);
        }

        foreach (var id in await payments.ListDueForReconciliationAsync(schedule, clock.GetUtcNow(), settings.BatchSize, cancellationToken))
        {
            await Isolated(tally, "payment", id.Value, () => ReconcileAsync(id, schedule, tally, cancellationToken), cancellationToken);
        }

        var since = clock.GetUtcNow() - (schedule.ExpireAfter * 2);
        foreach (var callback in await inbox.ListUnmatchedStkCallbacksAsync(since, settings.BatchSize, cancellationToken))
        {
            await Isolated(tally, "callback", callback.Id, () => MatchStrayAsync(callback, schedule, tally, cancellationToken), cancellationToken);
        }

        return new ReconciliationReport(tally.Queried, tally.Settled, tally.Expired, tally.Matched, tally.Swept, tally.Failed);
    }

    private async Task ReconcileAsync(PaymentId id, ReconciliationSchedule schedule, Tally tally, CancellationToken cancellationToken)
    {
        // Read now, tracked: another writer may have settled it since the list was read, and then it is not asked about.
        var payment = await payments.FindAsync(id, null, cancellationToken);
        if (payment?.AttemptDueForReconciliation(schedule, clock.GetUtcNow()) is not { } attempt)
        {
            return;
        }

        var check = AttemptCheck.NotAsked;
        if (attempt is { Status: AttemptStatus.AwaitingCustomer, CheckoutRequestId: { } checkoutRequestId })
        {
            check = (await gateway.QueryStkPushAsync(checkoutRequestId, cancellationToken)).ToCheck();
            tally.Queried++;
        }

        var decided = await writer.RecordAsync(PaymentLookup.Loaded(payment), (p, now) => p.Reconcile(attempt.Number, check, schedule, now));
        switch (decided)
        {
            case { IsSuccess: true, Value.Value: ReconciliationOutcome.Settled }:
                tally.Settled++;
                break;
            case { IsSuccess: true, Value.Value: ReconciliationOutcome.Expired }:
                tally.Expired++;
                break;
        }
    }

    /// <summary>
    /// A callback kept as Unmatched: applied if its attempt is now known; a success otherwise matched, by phone and amount
    /// within the expiry window, to the one payment whose push answer was lost.
    /// </summary>
    private async Task MatchStrayAsync(InboundCallback callback, ReconciliationSchedule schedule, Tally tally, CancellationToken cancellationToken)
    {
        if (!reader.TryRead(callback.Body, out var result))
        {
            return;
        }

        if (await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, cancellationToken) is null
            && !await AttachToLostPushAsync(result, callback.ReceivedAt, schedule, cancellationToken))
        {
            return;
        }

        tally.Matched += (await callbacks.ProcessAsync(callback.Id))?.Payment is null ? 0 : 1;
    }

    private async Task<bool> AttachToLostPushAsync(StkResult result, DateTimeOffset receivedAt, ReconciliationSchedule schedule, CancellationToken cancellationToken)
    {
        if (result is not { Receipt: { PhoneNumber: { } phone, Amount: var paid } } || ResultCodes.Classify(result.ResultCode) != StkOutcome.Succeeded
            || !Msisdn.TryParse(phone, out var msisdn) || decimal.Truncate(paid) != paid || !Amount.IsValid(paid))
        {
            return false;
        }

        var candidates = await payments.ListAsync(
            new PaymentsAwaitingLostPushAnswerSpec(msisdn, new Amount((int)paid), receivedAt - schedule.ExpireAfter, receivedAt), cancellationToken);
        if (candidates is not [var payment] || payment.AttemptAwaitingItsCheckoutRequestId is not { } attempt)
        {
            return false; // none, or ambiguous: left Unmatched for a person to look at
        }

        var attached = await writer.RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => p.AttachCheckoutRequestId(attempt.Number, result.CheckoutRequestId, now));
        return attached.IsSuccess;
    }

    /// <summary>
    /// Runs one payment's or callback's work so that its failure stops nothing else: logged, forgotten, retried next pass.
    /// A database that cannot be reached stops the pass (every other item would fail alike).
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One payment's failure must not stop the others; it is logged and retried next pass.")]
    private async Task Isolated(Tally tally, string kind, Guid id, Func<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not DatabaseUnavailableException
            && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            payments.UnitOfWork.DiscardChanges();
            tally.Failed++;
            LogItemFailed(logger, kind, id, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of {Kind} {Id} failed ({ExceptionType}); the next pass tries again")]
    private static partial void LogItemFailed(ILogger logger, string kind, Guid id, string exceptionType);

    private sealed class Tally
    {
        public int Queried { get; set; }

        public int Settled { get; set; }

        public int Expired { get; set; }

        public int Matched { get; set; }

        public int Swept { get; set; }

        public int Failed { get; set; }
    }
}
