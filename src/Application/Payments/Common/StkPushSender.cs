using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// Sends a payment's current attempt (already committed in Sending) to Daraja, outside any transaction, and records
/// Daraja's answer through the write pipeline; then applies any callback that beat that record. Used by initiation and
/// retry alike. Daraja's answer is never thrown away: if another writer changed the payment meanwhile (a late success of
/// an earlier attempt, the reconciler matching an early callback), it is recorded on the payment as it then stands.
/// </summary>
public sealed partial class StkPushSender(
    IMpesaGateway gateway,
    IPaymentRepository payments,
    PaymentWriter writer,
    CallbackProcessor callbacks,
    ILogger<StkPushSender> logger,
    ShieldMetrics? metrics = null)
{
    /// <summary>The payment as it stands after Daraja's answer, and the error that answer means for the client, if any.</summary>
    public async Task<PaymentOutcome> SendAsync(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var number = payment.CurrentAttempt.Number;

        // Not cancellable: from here on the push may be out, and Safaricom's answer must be recorded whatever happens to the request.
        var outcome = await gateway.SendStkPushAsync(
            new StkPushRequest(payment.Id, number, payment.PhoneNumber, payment.Amount, payment.AccountReference, payment.Description),
            CancellationToken.None);

        Result<Payment> recorded;
        try
        {
            recorded = await writer.RecordAsync(PaymentLookup.Loaded(payment), (p, now) => outcome switch
            {
                StkPushOutcome.Accepted accepted => p.RecordPushAccepted(number, accepted.MerchantRequestId, accepted.CheckoutRequestId, now),
                StkPushOutcome.Rejected rejected => p.RecordPushRejected(number, rejected.Rejection, now),
                StkPushOutcome.NoAnswer noAnswer => p.RecordPushOutcomeUnknown(number, noAnswer.Reason, now),
                _ => throw new InvalidOperationException($"Unexpected push outcome {outcome}."),
            });
        }
        catch (Exception exception) when (exception is DatabaseUnavailableException or ConcurrencyConflictException)
        {
            // Tried again for a few seconds, and decided again after every conflict: the database stayed down (or lost
            // every race). The attempt stays Sending: the reconciler matches its callback by phone and amount, or flags it
            // as outcome unknown. The id is written here so that a person can match it too.
            payments.UnitOfWork.DiscardChanges();
            CountInitiated(number, "unknown"); // stored (the first commit) and sent, its answer not recorded: its outcome is unknown
            LogAnswerNotRecorded(logger, payment.Id.Value, number, Msisdn.MaskIn((outcome as StkPushOutcome.Accepted)?.CheckoutRequestId), outcome.GetType().Name);
            return writer.Outcome(payment, MpesaErrors.AnswerNotRecorded());
        }

        var current = recorded.IsSuccess ? recorded.Value : payment;
        CountInitiated(number, outcome switch
        {
            StkPushOutcome.Accepted => "accepted",
            StkPushOutcome.Rejected => "rejected",
            _ => "unknown",
        });
        if (outcome is StkPushOutcome.Accepted { CheckoutRequestId: var named })
        {
            if (current.Attempt(number) is { CheckoutRequestId: { } kept } && kept != named)
            {
                LogAnswerMismatch(logger, current.Id.Value, number, Msisdn.MaskIn(named), Msisdn.MaskIn(kept));
            }

            current = await callbacks.ApplyWaitingAsync(named) ?? current;
        }

        return writer.Outcome(current, current.Attempt(number) is { } attempt ? MpesaErrors.ForPushOf(attempt) : null);
    }

    /// <summary>A payment is initiated once, by its first attempt's push (a retry is not a new payment); counted after its answer is recorded.</summary>
    private void CountInitiated(int attemptNumber, string outcome)
    {
        if (attemptNumber == 1)
        {
            metrics?.PaymentInitiated(outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daraja named the push of payment {PaymentId} attempt {AttemptNumber} CheckoutRequestID {Named}, but a stray callback was matched to it as {Kept}: flagged for review")]
    private static partial void LogAnswerMismatch(ILogger logger, Guid paymentId, int attemptNumber, string named, string kept);

    [LoggerMessage(Level = LogLevel.Error, Message = "Daraja's answer to the push of payment {PaymentId} attempt {AttemptNumber} ({Outcome}, CheckoutRequestID {CheckoutRequestId}) could not be recorded: the database failed")]
    private static partial void LogAnswerNotRecorded(ILogger logger, Guid paymentId, int attemptNumber, string checkoutRequestId, string outcome);
}
