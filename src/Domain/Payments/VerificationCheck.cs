namespace Shield.Domain.Payments;

/// <summary>Which question Safaricom can answer about a payment now (<see cref="Payment.ChooseVerification"/>).</summary>
public abstract record VerificationCheck
{
    private VerificationCheck()
    {
    }

    /// <summary>A completed payment with a receipt: Transaction Status, by receipt (the answer arrives later).</summary>
    public sealed record TransactionStatus(string ReceiptNumber) : VerificationCheck;

    /// <summary>An attempt with a CheckoutRequestID: STK Push Query (its answer is applied at once).</summary>
    public sealed record StkQuery(int AttemptNumber, string CheckoutRequestId) : VerificationCheck;
}
