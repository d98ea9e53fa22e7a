using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// Sends a payment's current attempt (already committed in Sending) to Daraja, outside any transaction, and commits
/// Daraja's answer; then applies any callback that beat that commit. Used by initiation and retry alike.
/// </summary>
public sealed class StkPushSender(IPaymentRepository payments, IMpesaGateway gateway, UnmatchedCallbackApplier unmatchedCallbacks, TimeProvider clock)
{
    /// <summary>Returns the payment as it stands after Daraja's answer, and the error that answer means for the client, if any.</summary>
    public async Task<(Payment Payment, Error? PushError)> SendAsync(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);

        // The client may go away from here on: Safaricom's answer must be recorded whatever happens to the request.
        var attempt = payment.CurrentAttempt;
        var outcome = await gateway.SendStkPushAsync(
            new StkPushRequest(payment.Id, attempt.Number, payment.PhoneNumber, payment.Amount, payment.AccountReference, payment.Description),
            CancellationToken.None);

        var now = clock.GetUtcNow();
        Error? pushError = null;
        switch (outcome)
        {
            case StkPushOutcome.Accepted accepted:
                payment.RecordPushAccepted(attempt.Number, accepted.MerchantRequestId, accepted.CheckoutRequestId, now);
                break;
            case StkPushOutcome.Rejected rejected:
                payment.RecordPushRejected(attempt.Number, rejected.Rejection, now);
                pushError = MpesaErrors.PushRejected(rejected.Rejection, FailureCatalogue.ForPushRejection(rejected.Rejection));
                break;
            case StkPushOutcome.NoAnswer noAnswer:
                payment.RecordPushOutcomeUnknown(attempt.Number, now, noAnswer.Reason == NoAnswerReason.TimedOut);
                pushError = MpesaErrors.NoAnswer(noAnswer.Reason);
                break;
        }

        await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);

        if (outcome is StkPushOutcome.Accepted { CheckoutRequestId: var checkoutRequestId })
        {
            payment = await unmatchedCallbacks.ApplyAsync(checkoutRequestId, CancellationToken.None) ?? payment;
        }

        return (payment, pushError);
    }
}
