using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>Which question Safaricom can answer about a payment now (<see cref="For"/>).</summary>
public abstract record VerificationCheck
{
    private VerificationCheck()
    {
    }

    /// <summary>
    /// What Safaricom can be asked about this payment now: Transaction Status for a completed payment with a receipt;
    /// otherwise STK Push Query of the current attempt (a late success may still complete it). An attempt without a
    /// CheckoutRequestID cannot be asked about: its push was refused, or Daraja's answer to it was never recorded.
    /// </summary>
    public static Result<VerificationCheck> For(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment is { Status: PaymentStatus.Completed, MpesaReceiptNumber: { } receipt })
        {
            return new TransactionStatus(receipt);
        }

        return payment.CurrentAttempt switch
        {
            { CheckoutRequestId: { } checkoutRequestId, Number: var number } => new StkQuery(number, checkoutRequestId),
            { Status: AttemptStatus.Rejected } rejected => PaymentErrors.NothingToVerifyAfterRejection(rejected.Number, rejected.ResultCode),
            var lost => PaymentErrors.NothingToVerify(lost.Number),
        };
    }

    /// <summary>A completed payment with a receipt: Transaction Status, by receipt (the answer arrives later).</summary>
    public sealed record TransactionStatus(string ReceiptNumber) : VerificationCheck;

    /// <summary>An attempt with a CheckoutRequestID: STK Push Query (its answer is applied at once).</summary>
    public sealed record StkQuery(int AttemptNumber, string CheckoutRequestId) : VerificationCheck;
}
