namespace Shield.Domain.Payments;

/// <summary>
/// One STK push of a payment, and the rules of one push: its first terminal result is final, Daraja's answer to it is
/// never thrown away, and its phone is held while the prompt may still be on it. Only its <see cref="Payment"/> changes
/// it; each change says whether anything changed, so the payment knows whether to bump its version.
/// </summary>
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

    /// <summary>Why the push got no answer (it is then Unknown, or expired from Unknown); null when it got one.</summary>
    public NoAnswerReason? NoAnswer { get; private set; }

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

    /// <summary>
    /// The push may have reached the customer and Shield never learned what happened: its answer was never recorded (no
    /// CheckoutRequestID), or Safaricom answered none of the queries about it.
    /// </summary>
    public bool OutcomeNeverLearned => CheckoutRequestId is null || AnsweredQueryCount == 0;

    /// <summary>Whether a lost push answer could be this attempt's: it has no CheckoutRequestID, and may have been sent.</summary>
    public bool AwaitsItsCheckoutRequestId => CheckoutRequestId is null && Status is AttemptStatus.Sending or AttemptStatus.Unknown or AttemptStatus.Expired;

    /// <summary>
    /// Daraja accepted the push: the attempt takes the ids (and, if it was still being sent, is with the customer). One
    /// given up before the answer could be recorded keeps its outcome. One a stray callback was matched to (by phone and
    /// amount) under another CheckoutRequestID asks for review. Nothing changes when its callback came first.
    /// </summary>
    internal AttemptChange? TakePushAnswer(string merchantRequestId, string checkoutRequestId, DateTimeOffset now)
    {
        if (CheckoutRequestId == checkoutRequestId)
        {
            return null;
        }

        if (CheckoutRequestId is not null)
        {
            return new AttemptChange(Flags: ReviewReason.PushAnswerMismatch, FlagsOverFlag: true);
        }

        (MerchantRequestId, CheckoutRequestId) = (merchantRequestId, checkoutRequestId);
        if (Status is AttemptStatus.Sending or AttemptStatus.Unknown)
        {
            (Status, SentAt) = (AttemptStatus.AwaitingCustomer, now);
        }

        return AttemptChange.Made;
    }

    /// <summary>Daraja refused a push still being sent: no prompt was shown, and the payment fails if it was waiting on it.</summary>
    internal AttemptChange? Reject(PushRejection rejection, DateTimeOffset now)
    {
        if (Status != AttemptStatus.Sending)
        {
            return null;
        }

        InFlightPhoneNumber = null;
        Status = AttemptStatus.Rejected;
        ResultCode = rejection.ErrorCode;
        ResultDescription = rejection.ErrorMessage;
        SentAt = now;
        CompletedAt = now;
        return new AttemptChange(PaymentStatus.Failed, FailureCatalogue.ForPushRejection(rejection));
    }

    /// <summary>No answer came: the push may have gone out. It is never re-sent. Nothing changes when its outcome is already known.</summary>
    internal AttemptChange? MarkNoAnswer(NoAnswerReason reason, DateTimeOffset now)
    {
        if (Status != AttemptStatus.Sending || CheckoutRequestId is not null)
        {
            return null;
        }

        Status = AttemptStatus.Unknown;
        NoAnswer = reason;
        ResultDescription = reason == NoAnswerReason.TimedOut
            ? "No answer from M-Pesa in time; the push may have been delivered."
            : "M-Pesa could not be reached or its answer was unreadable; the push may have been delivered.";
        SentAt = now;
        return AttemptChange.Made;
    }

    /// <summary>A push whose answer was lost turns out to have this CheckoutRequestID (matched by phone and amount).</summary>
    internal AttemptChange? AttachCheckoutRequestId(string checkoutRequestId)
    {
        if (CheckoutRequestId is not null)
        {
            return null;
        }

        CheckoutRequestId = checkoutRequestId;
        return AttemptChange.Made;
    }

    /// <summary>An STK Push Query was made (answered or not); the next is due at <paramref name="nextQueryAt"/>.</summary>
    internal AttemptChange? RecordQuery(DateTimeOffset now, DateTimeOffset nextQueryAt, bool answered)
    {
        if (IsTerminal)
        {
            return null;
        }

        LastQueriedAt = now;
        QueryCount++;
        AnsweredQueryCount += answered ? 1 : 0;
        NextQueryAt = nextQueryAt;
        return AttemptChange.Made;
    }

    /// <summary>
    /// Gives up on an attempt with no outcome. One whose outcome was never learned may have reached the customer: it
    /// expires its payment as outcome_unknown (not retriable) and asks for review; any other as no_outcome.
    /// </summary>
    internal AttemptChange? ExpireWithoutOutcome(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return null;
        }

        var unknown = OutcomeNeverLearned;
        InFlightPhoneNumber = null;
        (Status, ResultSource, CompletedAt, NextQueryAt) = (AttemptStatus.Expired, Payments.ResultSource.Expiry, now, null);
        return unknown
            ? new AttemptChange(PaymentStatus.Expired, FailureCatalogue.OutcomeUnknown, ReviewReason.OutcomeUnknown)
            : new AttemptChange(PaymentStatus.Expired, FailureCatalogue.NoOutcome);
    }

    /// <summary>A failure, cancellation or expiry Safaricom reported; nothing changes when the attempt already had a final result.</summary>
    private AttemptChange? Finish(StkOutcome outcome, StkResult result, DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return null;
        }

        var (attemptStatus, paymentStatus) = outcome switch
        {
            StkOutcome.Cancelled => (AttemptStatus.Cancelled, PaymentStatus.Cancelled),
            StkOutcome.Expired => (AttemptStatus.Expired, PaymentStatus.Expired),
            _ => (AttemptStatus.Failed, PaymentStatus.Failed),
        };
        InFlightPhoneNumber = null;
        Status = attemptStatus;
        RecordResult(result, now);
        return new AttemptChange(paymentStatus, FailureCatalogue.ForResultCode(result.ResultCode));
    }

    /// <summary>Safaricom's verdict on this push: a success (<see cref="TakeSuccess"/>), a final failure (<see cref="Finish"/>), or not yet one.</summary>
    internal AttemptChange? TakeResult(StkResult result, Amount amount, Msisdn phone, ReviewReason? flagged, DateTimeOffset now) =>
        ResultCodes.Classify(result.ResultCode) switch
        {
            StkOutcome.StillProcessing => null,
            StkOutcome.Succeeded => TakeSuccess(result, amount, phone, flagged, now),
            var outcome => Finish(outcome, result, now),
        };

    /// <summary>
    /// A success Safaricom reported for this push, judged against its payment's amount and phone: it succeeds the
    /// attempt; or it only adds the receipt to a success first learned by query; or it does not fit the payment and is
    /// kept without being applied (the phone is free again: the prompt was answered); or it changes nothing.
    /// </summary>
    private AttemptChange? TakeSuccess(StkResult result, Amount amount, Msisdn phone, ReviewReason? flagged, DateTimeOffset now)
    {
        var receipt = result.Receipt;
        if (Status == AttemptStatus.Succeeded || (receipt is null && ReceiptNumber is not null))
        {
            // Known by query first (a callback may add the receipt); or a query's bare "paid" after a success that did not fit.
            if (Status != AttemptStatus.Succeeded || receipt is null || ReceiptNumber is not null)
            {
                return null;
            }

            if (receipt.Contradicts(amount, phone) is { } late)
            {
                return new AttemptChange(Flags: late, FlagsOverFlag: true);
            }

            (ReceiptNumber, PaidAmount, PaidAt, ResultSource) = (receipt.Number, receipt.Amount, receipt.PaidAt, Payments.ResultSource.Callback);
            return new AttemptChange(ReceiptAdded: true);
        }

        if (receipt?.Contradicts(amount, phone) is { } mismatch)
        {
            if (flagged == mismatch && ReceiptNumber == receipt.Number)
            {
                return null;
            }

            InFlightPhoneNumber = null;
            RecordResult(result, CompletedAt);
            return new AttemptChange(Flags: mismatch, FlagsOverFlag: true);
        }

        InFlightPhoneNumber = null;
        Status = AttemptStatus.Succeeded;
        RecordResult(result, now);
        return new AttemptChange(Succeeded: true);
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

/// <summary>
/// What a change to one attempt asks of its payment (null when nothing changed): the outcome the payment takes if it is
/// waiting on that attempt; the reason it must be reviewed (unless it already is, or <see cref="FlagsOverFlag"/>); that
/// the customer paid (<see cref="Succeeded"/>), or that a success learned by query now has its receipt.
/// </summary>
internal sealed record AttemptChange(
    PaymentStatus? Settles = null,
    PaymentFailure? Failure = null,
    ReviewReason? Flags = null,
    bool FlagsOverFlag = false,
    bool Succeeded = false,
    bool ReceiptAdded = false)
{
    public static AttemptChange Made { get; } = new();
}
