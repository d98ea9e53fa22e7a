namespace Shield.Domain.Payments;

/// <summary>One STK push of a payment. Only the <see cref="Payment"/> changes it.</summary>
public sealed class PaymentAttempt
{
    private PaymentAttempt()
    {
    }

    internal PaymentAttempt(int number, Msisdn phoneNumber, DateTimeOffset now)
    {
        Number = number;
        Status = AttemptStatus.Sending;
        CreatedAt = now;
        InFlightPhoneNumber = phoneNumber.Value;
    }

    public int Number { get; private set; }

    /// <summary>
    /// The phone while this push may still be on it (Sending, AwaitingCustomer, Unknown), null once it has an outcome.
    /// A unique index on it lets the database refuse a second push to a phone that has one in flight.
    /// </summary>
    public string? InFlightPhoneNumber { get; private set; }

    public AttemptStatus Status { get; private set; }

    public string? MerchantRequestId { get; private set; }

    public string? CheckoutRequestId { get; private set; }

    /// <summary>Daraja's ResultCode (callback or query) or errorCode (synchronous rejection), as a string.</summary>
    public string? ResultCode { get; private set; }

    public string? ResultDescription { get; private set; }

    public string? ReceiptNumber { get; private set; }

    public decimal? PaidAmount { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? LastQueriedAt { get; private set; }

    public int QueryCount { get; private set; }

    /// <summary>How many of those queries Safaricom answered (an outcome, or "still processing"): none means Shield never
    /// learned whether the customer even had the prompt.</summary>
    public int AnsweredQueryCount { get; private set; }

    public DateTimeOffset? NextQueryAt { get; private set; }

    /// <summary>How the result was learned: a callback, a query, or expiry. Null while there is none.</summary>
    public ResultSource? ResultSource { get; private set; }

    /// <summary>Sending or AwaitingCustomer: a prompt may still be answered.</summary>
    public bool IsInFlight => Status is AttemptStatus.Sending or AttemptStatus.AwaitingCustomer;

    /// <summary>The attempt has a final outcome (Unknown is not final: the reconciler resolves it).</summary>
    public bool IsTerminal => Status is AttemptStatus.Succeeded or AttemptStatus.Failed or AttemptStatus.Cancelled
        or AttemptStatus.Expired or AttemptStatus.Rejected;

    internal void MarkAccepted(string merchantRequestId, string checkoutRequestId, DateTimeOffset now)
    {
        MerchantRequestId = merchantRequestId;
        CheckoutRequestId = checkoutRequestId;
        Status = AttemptStatus.AwaitingCustomer;
        SentAt = now;
    }

    internal void MarkRejected(PushRejection rejection, DateTimeOffset now)
    {
        InFlightPhoneNumber = null;
        Status = AttemptStatus.Rejected;
        ResultCode = rejection.ErrorCode;
        ResultDescription = rejection.ErrorMessage;
        SentAt = now;
        CompletedAt = now;
    }

    internal void MarkUnknown(string reason, DateTimeOffset now)
    {
        Status = AttemptStatus.Unknown;
        ResultDescription = reason;
        SentAt = now;
    }

    /// <summary>Daraja's answer to a push that was already given up (expired) before the answer could be recorded.</summary>
    internal void AttachPushAnswer(string merchantRequestId, string checkoutRequestId)
    {
        MerchantRequestId = merchantRequestId;
        CheckoutRequestId = checkoutRequestId;
    }

    /// <summary>A push whose answer was lost turns out to have this CheckoutRequestID (matched by phone and amount).</summary>
    internal void AttachCheckoutRequestId(string checkoutRequestId) => CheckoutRequestId = checkoutRequestId;

    internal void RecordQuery(DateTimeOffset now, DateTimeOffset nextQueryAt, bool answered)
    {
        LastQueriedAt = now;
        QueryCount++;
        AnsweredQueryCount += answered ? 1 : 0;
        NextQueryAt = nextQueryAt;
    }

    internal void MarkExpiredWithoutOutcome(DateTimeOffset now)
    {
        InFlightPhoneNumber = null;
        Status = AttemptStatus.Expired;
        ResultSource = Payments.ResultSource.Expiry;
        CompletedAt = now;
        NextQueryAt = null;
    }

    /// <summary>A callback brings the receipt of a success first learned by query.</summary>
    internal void AddReceipt(Receipt receipt)
    {
        ReceiptNumber = receipt.Number;
        PaidAmount = receipt.Amount;
        PaidAt = receipt.PaidAt;
        ResultSource = Payments.ResultSource.Callback;
    }

    internal void MarkSucceeded(StkResult result, DateTimeOffset now)
    {
        InFlightPhoneNumber = null;
        Status = AttemptStatus.Succeeded;
        RecordResult(result, now);
    }

    internal void MarkFinished(AttemptStatus status, StkResult result, DateTimeOffset now)
    {
        InFlightPhoneNumber = null;
        Status = status;
        RecordResult(result, now);
    }

    /// <summary>Keeps a success that could not be applied (it does not match the payment) without changing the status.</summary>
    internal void RecordUnappliedSuccess(StkResult result)
    {
        InFlightPhoneNumber = null; // the prompt was answered: the phone is free again
        RecordResult(result, CompletedAt);
    }

    private void RecordResult(StkResult result, DateTimeOffset? now)
    {
        ResultSource = result.Source;
        NextQueryAt = null;
        ResultCode = result.ResultCode;
        ResultDescription = result.ResultDescription;
        ReceiptNumber = result.Receipt?.Number ?? ReceiptNumber;
        PaidAmount = result.Receipt?.Amount ?? PaidAmount;
        PaidAt = result.Receipt?.PaidAt ?? PaidAt;
        CompletedAt = now;
    }
}
