using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// Safaricom's callbacks get lost, so every instance runs this on a timer. Each payment is loaded, decided and saved
/// on its own; a concurrency conflict means another instance (or a callback) got there first, and the payment is
/// left to it. Nothing here ever re-sends a push.
/// </summary>
public sealed class ReconcilePendingAttemptsCommandHandler(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader reader,
    AttemptQuery query,
    UnmatchedCallbackApplier unmatchedCallbacks,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock) : ICommandHandler<ReconcilePendingAttemptsCommand, ReconciliationReport>
{
    public async ValueTask<ReconciliationReport> Handle(ReconcilePendingAttemptsCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var schedule = settings.Schedule;
        int queried = 0, settled = 0, expired = 0, conflicts = 0;

        var due = await payments.ListAsync(new PaymentsDueForReconciliationSpec(clock.GetUtcNow(), schedule, settings.BatchSize), cancellationToken);
        foreach (var candidate in due)
        {
            var payment = await payments.FirstOrDefaultAsync(new PaymentByIdSpec(candidate.Id, candidate.ClientId, forUpdate: true), cancellationToken);
            if (payment is not { Status: PaymentStatus.Pending })
            {
                continue;
            }

            var attempt = payment.CurrentAttempt;
            if (attempt.Status == AttemptStatus.AwaitingCustomer)
            {
                await query.QueryAsync(payment, attempt, schedule, cancellationToken);
                queried++;
            }

            // The same instants as PaymentsDueForReconciliationSpec: a push the customer had, from when Daraja accepted
            // it; a push whose answer never came (Sending/Unknown), from when the attempt was created.
            var waitingSince = attempt.Status == AttemptStatus.AwaitingCustomer ? attempt.SentAt ?? attempt.CreatedAt : attempt.CreatedAt;
            if (!attempt.IsTerminal && schedule.HasExpired(waitingSince, clock.GetUtcNow()))
            {
                payment.ExpireAttempt(attempt.Number, clock.GetUtcNow());
                expired++;
            }
            else if (payment.Status != PaymentStatus.Pending)
            {
                settled++;
            }

            conflicts += await TrySave(cancellationToken) ? 0 : 1;
        }

        var matched = await MatchStrayCallbacks(schedule, settings.BatchSize, cancellationToken);
        return new ReconciliationReport(queried, settled, expired, matched, conflicts);
    }

    /// <summary>
    /// Callbacks kept as Unmatched: applied if their attempt is now known; a success otherwise matched, by phone and
    /// amount within the expiry window, to the one payment whose push answer was lost.
    /// </summary>
    private async Task<int> MatchStrayCallbacks(ReconciliationSchedule schedule, int take, CancellationToken cancellationToken)
    {
        var matched = 0;
        var now = clock.GetUtcNow();
        foreach (var callback in await inbox.ListUnmatchedStkCallbacksAsync(now - (schedule.ExpireAfter * 2), take, cancellationToken))
        {
            if (!reader.TryRead(callback.Body, out var result))
            {
                continue;
            }

            if (await payments.FirstOrDefaultAsync(new PaymentByCheckoutRequestIdSpec(result.CheckoutRequestId), cancellationToken) is null)
            {
                if (!await AttachToLostPush(result, callback.ReceivedAt, schedule, cancellationToken))
                {
                    continue;
                }
            }

            matched += await unmatchedCallbacks.ApplyAsync(result.CheckoutRequestId, cancellationToken) is null ? 0 : 1;
        }

        return matched;
    }

    private async Task<bool> AttachToLostPush(StkResult result, DateTimeOffset receivedAt, ReconciliationSchedule schedule, CancellationToken cancellationToken)
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

        payment.AttachCheckoutRequestId(attempt.Number, result.CheckoutRequestId, clock.GetUtcNow());
        return await TrySave(cancellationToken);
    }

    private async Task<bool> TrySave(CancellationToken cancellationToken)
    {
        try
        {
            await payments.UnitOfWork.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            payments.UnitOfWork.DiscardChanges();
            return false;
        }
    }
}
