using Mediator;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RecordStkCallback;

/// <summary>
/// Stores the raw callback first, then reads it and applies it to its payment. Duplicates (also concurrent ones)
/// are no-ops: a concurrency conflict means another copy got there first, so the payment is read again and the
/// aggregate decides again.
/// </summary>
public sealed class RecordStkCallbackCommandHandler(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader reader,
    UnmatchedCallbackApplier unmatchedCallbacks,
    TimeProvider clock) : ICommandHandler<RecordStkCallbackCommand, RecordStkCallbackResponse>
{
    private const int MaxRounds = 5;

    public async ValueTask<RecordStkCallbackResponse> Handle(RecordStkCallbackCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var received = clock.GetUtcNow();
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, command.Body, command.RemoteAddress, received);
        await inbox.StoreAsync(callback, command.FromAllowedSource, payments.UnitOfWork, received);
        if (!command.FromAllowedSource)
        {
            return new RecordStkCallbackResponse(callback.Id, callback.Outcome);
        }

        // Stored: from here on, finish the work even if Safaricom hangs up.
        if (!reader.TryRead(command.Body, out var result))
        {
            callback.MarkMalformed(clock.GetUtcNow());
            await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);
            return new RecordStkCallbackResponse(callback.Id, callback.Outcome);
        }

        var receiptTaken = false;
        for (var round = 1; ; round++)
        {
            var entry = round == 1 ? callback : await inbox.FindAsync(callback.Id, CancellationToken.None) ?? callback;
            var payment = await payments.FirstOrDefaultAsync(new PaymentByCheckoutRequestIdSpec(result.CheckoutRequestId), CancellationToken.None);
            var now = clock.GetUtcNow();
            if (payment is null)
            {
                // A callback can beat the commit of the push's answer: keep it; it is applied when the attempt is known.
                entry.MarkUnmatched(result.CheckoutRequestId, now);
            }
            else if (receiptTaken)
            {
                payment.RecordReceiptConflict(now);
                entry.MarkProcessed(payment.Id, result.CheckoutRequestId, StkResultApplication.FlaggedForReview, now);
            }
            else
            {
                var applied = payment.ApplyStkResult(result, now);
                entry.MarkProcessed(payment.Id, result.CheckoutRequestId, applied.Value, now);
            }

            try
            {
                await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);
            }
            catch (ConcurrencyConflictException) when (round < MaxRounds)
            {
                payments.UnitOfWork.DiscardChanges();
                continue;
            }
            catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.MpesaReceiptNumber && !receiptTaken)
            {
                payments.UnitOfWork.DiscardChanges();
                receiptTaken = true;
                continue;
            }

            if (payment is null)
            {
                // The push's answer may have been committed between the lookup above and this commit, after the
                // initiating request looked for early callbacks: look once more now that this one is stored.
                await unmatchedCallbacks.ApplyAsync(result.CheckoutRequestId, CancellationToken.None);
            }

            return new RecordStkCallbackResponse(entry.Id, entry.Outcome);
        }
    }
}
