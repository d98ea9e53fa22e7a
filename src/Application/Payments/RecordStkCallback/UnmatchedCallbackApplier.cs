using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RecordStkCallback;

/// <summary>
/// Applies callbacks that arrived before their attempt's CheckoutRequestID was committed (they were kept as
/// Unmatched). Called as soon as an attempt becomes known.
/// </summary>
public sealed class UnmatchedCallbackApplier(IPaymentRepository payments, ICallbackInbox inbox, IStkCallbackReader reader, TimeProvider clock)
{
    private const int MaxRounds = 5;

    /// <summary>Returns the payment as it stands after applying them, or null when none were waiting.</summary>
    public async Task<Payment?> ApplyAsync(string checkoutRequestId, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            if ((await inbox.ListUnmatchedAsync(checkoutRequestId, cancellationToken)).Count == 0)
            {
                return null;
            }

            // The payment is read before the callbacks, so the callbacks are at least as fresh: a callback another
            // writer settled meanwhile is no longer Unmatched, and a payment it changed fails our save (a conflict).
            var payment = await payments.FirstOrDefaultAsync(new PaymentByCheckoutRequestIdSpec(checkoutRequestId), cancellationToken);
            if (payment is null)
            {
                return null;
            }

            var waiting = await inbox.ListUnmatchedAsync(checkoutRequestId, cancellationToken);

            var now = clock.GetUtcNow();
            foreach (var callback in waiting)
            {
                if (reader.TryRead(callback.Body, out var result))
                {
                    callback.MarkProcessed(payment.Id, checkoutRequestId, payment.ApplyStkResult(result, now).Value, now);
                }
                else
                {
                    callback.MarkMalformed(now);
                }
            }

            try
            {
                await payments.UnitOfWork.SaveChangesAsync(cancellationToken);
                return payment;
            }
            catch (ConcurrencyConflictException) when (round < MaxRounds)
            {
                payments.UnitOfWork.DiscardChanges();
            }
            catch (DuplicateKeyException)
            {
                // A receipt another payment holds: left Unmatched for a person (the direct callback path flags it).
                payments.UnitOfWork.DiscardChanges();
                return null;
            }
        }
    }
}
