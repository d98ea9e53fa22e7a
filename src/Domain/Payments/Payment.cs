using Shield.Domain.Common;
using Shield.Domain.Payments.Events;

namespace Shield.Domain.Payments;

/// <summary>
/// A request to collect money from a customer's phone through M-Pesa Express, with every STK push made for it.
/// The rules of ARCHITECTURE.md §2 live here: at most one attempt in flight; a success always wins; nothing
/// else changes a Completed payment; an attempt's first terminal result is final.
/// </summary>
public sealed class Payment : AggregateRoot
{
    public const string Kes = "KES";

    /// <summary>The description an Unknown attempt carries: Daraja did not answer in time.</summary>
    public const string NoAnswerTimedOut = "No answer from M-Pesa in time; the push may have been delivered.";

    /// <summary>The description an Unknown attempt carries: Daraja could not be reached, or its answer was unreadable.</summary>
    public const string NoAnswerUnreachable = "M-Pesa could not be reached or its answer was unreadable; the push may have been delivered.";

    private readonly List<PaymentAttempt> _attempts = [];

    private Payment()
    {
        PhoneNumber = null!;
        AccountReference = null!;
        Description = null!;
    }

    private Payment(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        Id = id;
        ClientId = clientId;
        IdempotencyKey = idempotencyKey;
        PhoneNumber = phoneNumber;
        Amount = amount;
        AccountReference = accountReference;
        Description = description;
        Status = PaymentStatus.Pending;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public PaymentId Id { get; private set; }

    public ClientId ClientId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public Amount Amount { get; private set; }

    public string Currency { get; private set; } = Kes;

    public Msisdn PhoneNumber { get; private set; }

    public AccountReference AccountReference { get; private set; }

    public Description Description { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? MpesaReceiptNumber { get; private set; }

    public PaymentFailure? Failure { get; private set; }

    /// <summary>Why a person must look at this payment (one of <see cref="ReviewReasons"/>), or null.</summary>
    public string? ReviewReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The latest Transaction Status check, or null when none was asked.</summary>
    public Verification? Verification { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change, checked by every save.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PaymentAttempt> Attempts => _attempts;

    public PaymentAttempt CurrentAttempt => _attempts[^1];

    public bool NeedsReview => ReviewReason is not null;

    /// <summary>Creates a payment with attempt #1 in Sending: stored before anything is sent to Daraja.</summary>
    public static Payment Initiate(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        var payment = new Payment(id, clientId, idempotencyKey, phoneNumber, amount, accountReference, description, now);
        payment._attempts.Add(new PaymentAttempt(1, phoneNumber, now));
        payment.Raise(new PaymentInitiated(id, 1, now));
        return payment;
    }

    /// <summary>
    /// Daraja accepted the push: the customer has the prompt. Daraja's answer is recorded whatever happened to the payment
    /// meanwhile (another attempt's late success may have completed it): an attempt in flight is then still chased and
    /// released by the reconciler, and a second success on it is a duplicate charge. An attempt that was already given
    /// up (expired before the answer could be recorded) keeps its outcome but takes the ids, so its callback is matched.
    /// </summary>
    public Result RecordPushAccepted(int attemptNumber, string merchantRequestId, string checkoutRequestId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutRequestId);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.CheckoutRequestId == checkoutRequestId)
        {
            return Result.Success(); // already known: its callback arrived first and was matched to it
        }

        if (attempt.CheckoutRequestId is not null)
        {
            // A stray callback was matched to this attempt by phone and amount, but Daraja names another push.
            FlagForReview(ReviewReasons.PushAnswerMismatch, now);
        }
        else if (attempt.Status is AttemptStatus.Sending or AttemptStatus.Unknown)
        {
            attempt.MarkAccepted(merchantRequestId, checkoutRequestId, now);
        }
        else
        {
            attempt.AttachPushAnswer(merchantRequestId, checkoutRequestId);
        }

        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Daraja refused the push synchronously: no prompt was shown, the payment fails (if it is still waiting on this
    /// attempt). An attempt already settled otherwise is left as it is.
    /// </summary>
    public Result RecordPushRejected(int attemptNumber, PushRejection rejection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.Status != AttemptStatus.Sending)
        {
            return Result.Success();
        }

        attempt.MarkRejected(rejection, now);
        if (Status == PaymentStatus.Pending && attempt == CurrentAttempt)
        {
            Settle(PaymentStatus.Failed, FailureCatalogue.ForPushRejection(rejection), now);
        }

        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// The push may or may not have reached Daraja (timeout, connection lost). It is never re-sent: a second
    /// push could prompt the customer twice. The payment stays Pending until the outcome is known. An attempt whose
    /// outcome is already known (its callback was matched first) is left as it is.
    /// </summary>
    public Result RecordPushOutcomeUnknown(int attemptNumber, DateTimeOffset now, bool timedOut = true)
    {
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.Status != AttemptStatus.Sending || attempt.CheckoutRequestId is not null)
        {
            return Result.Success();
        }

        attempt.MarkUnknown(timedOut ? NoAnswerTimedOut : NoAnswerUnreachable, now);
        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Starts a new attempt for a payment that ended without the customer paying (Failed, Cancelled, Expired), up to
    /// <paramref name="maxAttempts"/>. The new attempt is in Sending: it is stored before it is sent. When the last
    /// push's outcome was never learned (<see cref="FailureCatalogue.OutcomeUnknown"/>) the customer may have paid, so
    /// the caller must say it knows (<paramref name="outcomeUnknownAcknowledged"/>).
    /// </summary>
    public Result<PaymentAttempt> Retry(int maxAttempts, DateTimeOffset now, bool outcomeUnknownAcknowledged = false)
    {
        if (CanRetry(maxAttempts, outcomeUnknownAcknowledged) is { Error: { } refused })
        {
            return refused;
        }

        var attempt = new PaymentAttempt(_attempts.Count + 1, PhoneNumber, now);
        _attempts.Add(attempt);
        Status = PaymentStatus.Pending;
        Failure = null;
        Raise(new PaymentRetried(Id, attempt.Number, now));
        Touch(now);
        return attempt;
    }

    /// <summary>Whether <see cref="Retry"/> would start a new attempt, without starting it.</summary>
    public Result CanRetry(int maxAttempts, bool outcomeUnknownAcknowledged = false)
    {
        if (Status is PaymentStatus.Pending or PaymentStatus.Completed)
        {
            return PaymentErrors.NotRetriable(Status);
        }

        if (_attempts.Count >= maxAttempts)
        {
            return PaymentErrors.TooManyAttempts(maxAttempts);
        }

        return Failure is { Code: FailureCatalogue.OutcomeUnknownCode } && !outcomeUnknownAcknowledged
            ? PaymentErrors.OutcomeUnknownNotAcknowledged(CurrentAttempt.Number)
            : Result.Success();
    }

    /// <summary>
    /// STK Push Query's answer about one attempt (the reconciler's, or a client's verify): a ResultCode applies as a
    /// callback would (a success without a receipt); no outcome ("still processing", no usable answer) schedules the
    /// next query, with backoff, while the attempt has no outcome.
    /// </summary>
    public Result RecordQueryAnswer(int attemptNumber, AttemptCheck check, ReconciliationSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(schedule);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (check is AttemptCheck.Answer answer && attempt.CheckoutRequestId is { } checkoutRequestId
            && ResultCodes.Classify(answer.ResultCode) != StkOutcome.StillProcessing)
        {
            return ApplyStkResult(new StkResult(checkoutRequestId, answer.ResultCode, answer.ResultDescription, null, ResultSource.Query), now);
        }

        if (check is not AttemptCheck.NotAskedCheck && !attempt.IsTerminal)
        {
            attempt.RecordQuery(now, schedule.NextQueryAfter(now, attempt.QueryCount + 1), answered: check is not AttemptCheck.UnansweredCheck);
            Touch(now);
        }

        return Result.Success();
    }

    /// <summary>
    /// Gives up on an attempt with no outcome after the expiry window: it becomes Expired and, if it is the payment's
    /// current attempt of a Pending payment, so does the payment. A success that arrives later still completes it.
    /// A push whose answer was never recorded (Sending or Unknown, no CheckoutRequestID) may have reached the customer, and
    /// so may one whose every STK Push Query went unanswered (Shield never heard Safaricom say even "still processing"):
    /// it expires as <see cref="FailureCatalogue.OutcomeUnknown"/> (not retriable) and the payment is flagged for review.
    /// </summary>
    public Result ExpireAttempt(int attemptNumber, DateTimeOffset now)
    {
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.IsTerminal)
        {
            return Result.Success();
        }

        var outcomeUnknown = attempt.CheckoutRequestId is null || attempt.AnsweredQueryCount == 0;
        attempt.MarkExpiredWithoutOutcome(now);
        if (Status == PaymentStatus.Pending && attempt == CurrentAttempt)
        {
            Settle(PaymentStatus.Expired, outcomeUnknown ? FailureCatalogue.OutcomeUnknown : FailureCatalogue.NoOutcome, now);
        }

        if (outcomeUnknown && ReviewReason is null)
        {
            FlagForReview(ReviewReasons.OutcomeUnknown, now);
        }

        Touch(now);
        return Result.Success();
    }

    /// <summary>Flagged for a reason that leaves the payment to a person (<see cref="ReviewReasons.HoldReconciliation"/>).</summary>
    public bool IsHeldForReview => ReviewReason is not null && ReviewReasons.HoldReconciliation.Contains(ReviewReason);

    /// <summary>
    /// The attempt the reconciler must look at now (see <see cref="ReconciliationSchedule.IsDue"/>), or null; none while
    /// the payment is held for review.
    /// </summary>
    public PaymentAttempt? AttemptDueForReconciliation(ReconciliationSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (IsHeldForReview)
        {
            return null;
        }

        return _attempts.Find(a => schedule.IsDueNow(a, now));
    }

    /// <summary>
    /// The reconciler's decision for one attempt, after it asked Safaricom (or could not): the answer is recorded
    /// (<see cref="RecordQueryAnswer"/>), and an attempt still without an outcome past the expiry window expires.
    /// Whatever the payment's status: an attempt in flight on a payment another attempt completed is still chased,
    /// expired and released.
    /// </summary>
    public Result<ReconciliationOutcome> Reconcile(int attemptNumber, AttemptCheck check, ReconciliationSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (!attempt.IsTerminal && RecordQueryAnswer(attemptNumber, check, schedule, now) is { IsFailure: true, Error: { } error })
        {
            return error;
        }

        if (attempt.IsTerminal)
        {
            return ReconciliationOutcome.Settled;
        }

        if (!schedule.HasExpired(attempt, now))
        {
            return ReconciliationOutcome.StillWaiting;
        }

        return ExpireAttempt(attemptNumber, now) is { Error: { } expiryError } ? expiryError : ReconciliationOutcome.Expired;
    }

    /// <summary>
    /// A success callback matched no attempt, but matches this payment's attempt whose push answer was lost (Sending or
    /// Unknown, or expired from those) by phone and amount: that attempt takes the callback's CheckoutRequestID.
    /// </summary>
    public Result AttachCheckoutRequestId(int attemptNumber, string checkoutRequestId, DateTimeOffset now)
    {
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.CheckoutRequestId == checkoutRequestId)
        {
            return Result.Success(); // its push's answer named it meanwhile
        }

        if (attempt.CheckoutRequestId is not null)
        {
            return PaymentErrors.AttemptNotSending(attemptNumber);
        }

        attempt.AttachCheckoutRequestId(checkoutRequestId);
        Touch(now);
        return Result.Success();
    }

    /// <summary>The attempt whose push answer was lost, if it could match a stray callback: it has no CheckoutRequestID.</summary>
    public PaymentAttempt? AttemptAwaitingItsCheckoutRequestId =>
        _attempts.FindLast(a => a.CheckoutRequestId is null && a.Status is AttemptStatus.Sending or AttemptStatus.Unknown or AttemptStatus.Expired);

    /// <summary>
    /// What Safaricom can be asked about this payment now: Transaction Status for a completed payment with a receipt;
    /// otherwise STK Push Query of the current attempt (a late success may still complete it). An attempt without a
    /// CheckoutRequestID cannot be asked about: its push was refused, or Daraja's answer to it was never recorded.
    /// </summary>
    public Result<VerificationCheck> ChooseVerification()
    {
        if (Status == PaymentStatus.Completed && MpesaReceiptNumber is { } receipt)
        {
            return new VerificationCheck.TransactionStatus(receipt);
        }

        return CurrentAttempt switch
        {
            { CheckoutRequestId: { } checkoutRequestId, Number: var number } => new VerificationCheck.StkQuery(number, checkoutRequestId),
            { Status: AttemptStatus.Rejected } rejected => PaymentErrors.NothingToVerifyAfterRejection(rejected.Number, rejected.ResultCode),
            var lost => PaymentErrors.NothingToVerify(lost.Number),
        };
    }

    /// <summary>A Transaction Status query was accepted for this completed payment; its answer comes later.</summary>
    public Result RequestVerification(string conversationId, string originatorConversationId, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Completed || MpesaReceiptNumber is null)
        {
            return PaymentErrors.NotVerifiable(Status);
        }

        Verification = new Verification(VerificationStatus.Requested, now, conversationId, originatorConversationId);
        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Safaricom's Transaction Status answer. It confirms the payment when the receipt, amount and status match;
    /// otherwise the payment is flagged for review. It never changes the payment's status.
    /// </summary>
    public Result RecordVerification(TransactionStatusReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var requestedAt = Verification?.RequestedAt ?? now;
        VerificationStatus status;
        if (report.TimedOut)
        {
            status = VerificationStatus.TimedOut;
        }
        else if (report.ResultCode != ResultCodes.Success)
        {
            status = VerificationStatus.Failed;
        }
        else
        {
            var matches = report.ReceiptNumber == MpesaReceiptNumber
                && report.Amount == Amount.Value
                && string.Equals(report.TransactionStatus, "Completed", StringComparison.OrdinalIgnoreCase);
            status = matches ? VerificationStatus.Confirmed : VerificationStatus.Mismatch;
        }

        Verification = new Verification(status, requestedAt, report.ConversationId ?? Verification?.ConversationId,
            report.OriginatorConversationId ?? Verification?.OriginatorConversationId, report.ResultCode, report.ResultDescription,
            report.ReceiptNumber, report.Amount, report.TransactionStatus, report.CompletedAt, now);
        if (status == VerificationStatus.Mismatch && ReviewReason is null)
        {
            FlagForReview(ReviewReasons.VerificationMismatch, now);
        }

        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Applies Safaricom's verdict on one push (a callback, or a query answer). Duplicates are no-ops; a success
    /// always wins unless it does not match the payment; a failure never changes a Completed payment.
    /// </summary>
    public Result<StkResultApplication> ApplyStkResult(StkResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var attempt = _attempts.Find(a => a.CheckoutRequestId == result.CheckoutRequestId);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNotFound(result.CheckoutRequestId);
        }

        return ResultCodes.Classify(result.ResultCode) switch
        {
            StkOutcome.StillProcessing => StkResultApplication.Duplicate,
            StkOutcome.Succeeded => ApplySuccess(attempt, result, now),
            var outcome => ApplyFailure(attempt, outcome, result, now),
        };
    }

    private StkResultApplication ApplySuccess(PaymentAttempt attempt, StkResult result, DateTimeOffset now)
    {
        if (attempt.Status == AttemptStatus.Succeeded)
        {
            return AddReceiptToQueriedSuccess(attempt, result, now);
        }

        if (result.Receipt is null && attempt.ReceiptNumber is not null)
        {
            // A query's bare "paid" cannot settle a success whose callback did not match the payment.
            return StkResultApplication.Duplicate;
        }

        var mismatch = FindMismatch(result.Receipt);
        if (mismatch is not null)
        {
            if (ReviewReason == mismatch && attempt.ReceiptNumber == result.Receipt?.Number)
            {
                return StkResultApplication.Duplicate;
            }

            attempt.RecordUnappliedSuccess(result);
            FlagForReview(mismatch, now);
            Touch(now);
            return StkResultApplication.FlaggedForReview;
        }

        attempt.MarkSucceeded(result, now);
        if (Status == PaymentStatus.Completed)
        {
            Raise(new DuplicateChargeDetected(Id, attempt.Number, result.Receipt?.Number, now));
            FlagForReview(ReviewReasons.DuplicateCharge, now);
            Touch(now);
            return StkResultApplication.FlaggedForReview;
        }

        var previous = Status;
        Status = PaymentStatus.Completed;
        MpesaReceiptNumber = result.Receipt?.Number;
        CompletedAt = now;
        Failure = null;
        Raise(previous == PaymentStatus.Pending
            ? new PaymentCompleted(Id, MpesaReceiptNumber, now)
            : new PaymentCompletedLate(Id, previous, MpesaReceiptNumber, now));
        Touch(now);
        return StkResultApplication.Applied;
    }

    /// <summary>
    /// A success for this payment carried a receipt another payment already holds (M-Pesa receipts are unique): it is
    /// not applied, and the payment is flagged for review.
    /// </summary>
    public Result RecordReceiptConflict(DateTimeOffset now)
    {
        FlagForReview(ReviewReasons.ReceiptReused, now);
        Touch(now);
        return Result.Success();
    }

    private StkResultApplication AddReceiptToQueriedSuccess(PaymentAttempt attempt, StkResult result, DateTimeOffset now)
    {
        if (result.Receipt is not { } receipt || attempt.ReceiptNumber is not null)
        {
            return StkResultApplication.Duplicate;
        }

        if (FindMismatch(receipt) is { } mismatch)
        {
            // Completed by a query (no amount to compare then); the callback now shows a different amount or phone.
            FlagForReview(mismatch, now);
            Touch(now);
            return StkResultApplication.FlaggedForReview;
        }

        attempt.AddReceipt(receipt);
        if (Status == PaymentStatus.Completed && MpesaReceiptNumber is null && attempt == _attempts.FindLast(a => a.Status == AttemptStatus.Succeeded))
        {
            MpesaReceiptNumber = receipt.Number;
        }

        Touch(now);
        return StkResultApplication.Applied;
    }

    private StkResultApplication ApplyFailure(PaymentAttempt attempt, StkOutcome outcome, StkResult result, DateTimeOffset now)
    {
        if (attempt.IsTerminal)
        {
            return StkResultApplication.Duplicate;
        }

        var (attemptStatus, paymentStatus) = outcome switch
        {
            StkOutcome.Cancelled => (AttemptStatus.Cancelled, PaymentStatus.Cancelled),
            StkOutcome.Expired => (AttemptStatus.Expired, PaymentStatus.Expired),
            _ => (AttemptStatus.Failed, PaymentStatus.Failed),
        };
        attempt.MarkFinished(attemptStatus, result, now);
        Touch(now);
        if (Status != PaymentStatus.Pending || attempt != CurrentAttempt)
        {
            return StkResultApplication.RecordedOnly;
        }

        Settle(paymentStatus, FailureCatalogue.ForResultCode(result.ResultCode), now);
        return StkResultApplication.Applied;
    }

    private string? FindMismatch(Receipt? receipt)
    {
        if (receipt is null)
        {
            return null;
        }

        if (receipt.Amount != Amount.Value)
        {
            return ReviewReasons.AmountMismatch;
        }

        var phone = receipt.PhoneNumber;
        var comparable = phone is not null && phone.All(char.IsAsciiDigit);
        return comparable && phone != PhoneNumber.Value ? ReviewReasons.PhoneMismatch : null;
    }

    private void Settle(PaymentStatus status, PaymentFailure failure, DateTimeOffset now)
    {
        Status = status;
        Failure = failure;
        Raise(status switch
        {
            PaymentStatus.Cancelled => new PaymentCancelled(Id, failure.Code, now),
            PaymentStatus.Expired => new PaymentExpired(Id, failure.Code, now),
            _ => (IDomainEvent)new PaymentFailed(Id, failure.Code, now),
        });
    }

    private void FlagForReview(string reason, DateTimeOffset now)
    {
        ReviewReason = reason;
        Raise(new PaymentFlaggedForReview(Id, reason, now));
    }

    private PaymentAttempt? FindAttempt(int number) => _attempts.Find(a => a.Number == number);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
