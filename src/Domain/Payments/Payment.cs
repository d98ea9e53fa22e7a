using Shield.Domain.Common;
using Shield.Domain.Payments.Events;

namespace Shield.Domain.Payments;

/// <summary>
/// A request to collect money from a customer's phone through M-Pesa Express, with every STK push made for it. It keeps
/// the invariants of ARCHITECTURE.md §2 (one attempt in flight; a success always wins; nothing else changes a Completed
/// payment; every change bumps the version). The rules of one push, of a verification, of the reconciler and of a review
/// are <see cref="PaymentAttempt"/>'s, <see cref="Verification"/>'s, <see cref="Reconciliation"/>'s and <see cref="Review"/>'s.
/// </summary>
public sealed class Payment : AggregateRoot
{
    public const string Kes = "KES";

    private readonly List<PaymentAttempt> _attempts = [];

    private Payment() => (PhoneNumber, AccountReference, Description) = (null!, null!, null!);

    private Payment(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        (Id, ClientId, IdempotencyKey) = (id, clientId, idempotencyKey);
        (PhoneNumber, Amount, AccountReference, Description) = (phoneNumber, amount, accountReference, description);
        (Status, CreatedAt, UpdatedAt) = (PaymentStatus.Pending, now, now);
    }

    // What the client asked for, fixed at creation.
    public PaymentId Id { get; private set; }
    public ClientId ClientId { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public Amount Amount { get; private set; }
    public string Currency { get; private set; } = Kes;
    public Msisdn PhoneNumber { get; private set; }
    public AccountReference AccountReference { get; private set; }
    public Description Description { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    // Where it stands: changed only by the methods below.
    public PaymentStatus Status { get; private set; }
    public string? MpesaReceiptNumber { get; private set; }
    public PaymentFailure? Failure { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Why a person must look at this payment, or null.</summary>
    public ReviewReason? ReviewReason { get; private set; }

    /// <summary>The latest review a person resolved, or null.</summary>
    public ReviewResolution? ReviewResolution { get; private set; }

    /// <summary>The latest Transaction Status check, or null when none was asked.</summary>
    public Verification? Verification { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change, checked by every save.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PaymentAttempt> Attempts => _attempts;

    public PaymentAttempt CurrentAttempt => _attempts[^1];

    /// <summary>Flagged for a reason that leaves the payment to a person (<see cref="ReviewReason.HoldsReconciliation"/>).</summary>
    public bool IsHeldForReview => ReviewReason is { HoldsReconciliation: true };

    /// <summary>Creates a payment with attempt #1 in Sending: stored before anything is sent to Daraja.</summary>
    public static Payment Initiate(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        var payment = new Payment(id, clientId, idempotencyKey, phoneNumber, amount, accountReference, description, now);
        payment._attempts.Add(new PaymentAttempt(1, phoneNumber, now));
        payment.Raise(new PaymentInitiated(id, 1, now));
        return payment;
    }

    /// <summary>Attempt number <paramref name="number"/>, or null.</summary>
    public PaymentAttempt? Attempt(int number) => _attempts.Find(a => a.Number == number);

    /// <summary>Daraja accepted the push: recorded whatever happened to the payment meanwhile (the reconciler still chases the attempt).</summary>
    public Result RecordPushAccepted(int attemptNumber, string merchantRequestId, string checkoutRequestId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutRequestId);
        return ChangeAttempt(attemptNumber, now, attempt => attempt.TakePushAnswer(merchantRequestId, checkoutRequestId, now));
    }

    /// <summary>Daraja refused the push synchronously: no prompt was shown.</summary>
    public Result RecordPushRejected(int attemptNumber, PushRejection rejection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return ChangeAttempt(attemptNumber, now, attempt => attempt.Reject(rejection, now));
    }

    /// <summary>The push may or may not have reached Daraja: never re-sent; the payment stays Pending until its outcome is known.</summary>
    public Result RecordPushOutcomeUnknown(int attemptNumber, NoAnswerReason reason, DateTimeOffset now) =>
        ChangeAttempt(attemptNumber, now, attempt => attempt.MarkNoAnswer(reason, now));

    /// <summary>
    /// A new attempt, in Sending (stored before it is sent), for a payment that ended without the customer paying. When
    /// the last push's outcome was never learned the customer may have paid, so the caller must say it knows.
    /// </summary>
    public Result<PaymentAttempt> Retry(int maxAttempts, DateTimeOffset now, bool outcomeUnknownAcknowledged = false)
    {
        if (CanRetry(maxAttempts, outcomeUnknownAcknowledged) is { Error: { } refused })
        {
            return refused;
        }

        var attempt = new PaymentAttempt(_attempts.Count + 1, PhoneNumber, now);
        _attempts.Add(attempt);
        (Status, Failure) = (PaymentStatus.Pending, null);
        Raise(new PaymentRetried(Id, attempt.Number, now));
        Touch(now);
        return attempt;
    }

    /// <summary>Whether <see cref="Retry"/> would start a new attempt, without starting it.</summary>
    public Result CanRetry(int maxAttempts, bool outcomeUnknownAcknowledged = false) => this switch
    {
        { Status: PaymentStatus.Pending or PaymentStatus.Completed } => PaymentErrors.NotRetriable(Status),
        _ when _attempts.Count >= maxAttempts => PaymentErrors.TooManyAttempts(maxAttempts),
        { Failure.Code: FailureCatalogue.OutcomeUnknownCode } when !outcomeUnknownAcknowledged =>
            PaymentErrors.OutcomeUnknownNotAcknowledged(CurrentAttempt.Number),
        _ => Result.Success(),
    };

    /// <summary>A stray success callback matched this attempt (whose push answer was lost) by phone and amount: it takes its CheckoutRequestID.</summary>
    public Result AttachCheckoutRequestId(int attemptNumber, string checkoutRequestId, DateTimeOffset now) =>
        Attempt(attemptNumber) is { CheckoutRequestId: { } known } && known != checkoutRequestId
            ? PaymentErrors.AttemptNotSending(attemptNumber)
            : ChangeAttempt(attemptNumber, now, attempt => attempt.AttachCheckoutRequestId(checkoutRequestId));

    /// <summary>A Transaction Status check (<see cref="Verification.Request"/>, <see cref="Verification.Record"/>): a mismatch flags, unless already flagged.</summary>
    internal void Verify(Verification verification, DateTimeOffset now)
    {
        Verification = verification;
        if (verification.AnsweredAt is not null)
        {
            Flag(verification.Status == VerificationStatus.Mismatch ? ReviewReason.VerificationMismatch : null, overFlag: false, now);
            Raise(new PaymentVerified(Id, verification.Status, now));
        }

        Touch(now);
    }

    /// <summary>A person resolved the review (<see cref="Review.Resolve"/>): the payment leaves the queue; its status stays.</summary>
    internal void Resolve(ReviewResolution resolution, DateTimeOffset now)
    {
        (ReviewReason, ReviewResolution) = (null, resolution);
        Raise(new PaymentReviewResolved(Id, resolution.Reason, resolution.ResolvedBy, now));
        Touch(now);
    }

    /// <summary>A success for this payment carried a receipt another payment already holds: not applied; flagged for review.</summary>
    public void RecordReceiptConflict(DateTimeOffset now)
    {
        Flag(ReviewReason.ReceiptReused, overFlag: true, now);
        Touch(now);
    }

    /// <summary>Safaricom's verdict on one push (a callback, or a query's answer). Duplicates change nothing; a success that fits always wins.</summary>
    public Result<StkResultApplication> ApplyStkResult(StkResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_attempts.Find(a => a.CheckoutRequestId == result.CheckoutRequestId) is not { } attempt)
        {
            return PaymentErrors.AttemptNotFound(result.CheckoutRequestId);
        }

        var before = Status;
        if (Apply(attempt, attempt.TakeResult(result, Amount, PhoneNumber, ReviewReason, now), now) is not { } applied)
        {
            return StkResultApplication.Duplicate;
        }

        Touch(now);
        return applied switch
        {
            { Flags: not null } => StkResultApplication.FlaggedForReview,
            { Succeeded: true } when before == PaymentStatus.Completed => StkResultApplication.FlaggedForReview, // a duplicate charge
            { Succeeded: true } or { ReceiptAdded: true } => StkResultApplication.Applied,
            _ => Status != before ? StkResultApplication.Applied : StkResultApplication.RecordedOnly,
        };
    }

    /// <summary>The one find-attempt guard: a change to one attempt, applied to the payment (<see cref="Apply"/>) and saved as a new version.</summary>
    internal Result ChangeAttempt(int number, DateTimeOffset now, Func<PaymentAttempt, AttemptChange?> change)
    {
        if (Attempt(number) is not { } attempt)
        {
            return PaymentErrors.AttemptNumberNotFound(number);
        }

        if (Apply(attempt, change(attempt), now) is not null)
        {
            Touch(now);
        }

        return Result.Success();
    }

    /// <summary>What an attempt's change asks of the payment: its outcome, only if Pending on that attempt; success, which always wins; a review.</summary>
    private AttemptChange? Apply(PaymentAttempt attempt, AttemptChange? change, DateTimeOffset now)
    {
        if (change is { Settles: { } status, Failure: { } failure } && Status == PaymentStatus.Pending && attempt == CurrentAttempt)
        {
            (Status, Failure) = (status, failure);
            Raise(status switch
            {
                PaymentStatus.Cancelled => new PaymentCancelled(Id, failure.Code, now),
                PaymentStatus.Expired => new PaymentExpired(Id, failure.Code, now),
                _ => (IDomainEvent)new PaymentFailed(Id, failure.Code, now),
            });
        }

        if (change is { Succeeded: true } && Status == PaymentStatus.Completed)
        {
            // A second success: the customer paid twice. The payment keeps its first; a person must refund one.
            Flag(ReviewReason.DuplicateCharge, overFlag: true, now);
        }
        else if (change is { Succeeded: true })
        {
            var previous = Status;
            (Status, MpesaReceiptNumber, CompletedAt, Failure) = (PaymentStatus.Completed, attempt.ReceiptNumber, now, null);
            Raise(previous == PaymentStatus.Pending ? new PaymentCompleted(Id, MpesaReceiptNumber, now) : new PaymentCompletedLate(Id, previous, MpesaReceiptNumber, now));
        }
        else if (change is { ReceiptAdded: true } && Status == PaymentStatus.Completed && attempt == _attempts.FindLast(a => a.Status == AttemptStatus.Succeeded))
        {
            MpesaReceiptNumber ??= attempt.ReceiptNumber; // completed by a query, which has no receipt
        }

        Flag(change?.Flags, change?.FlagsOverFlag == true, now);
        return change;
    }

    /// <summary>Asks a person to look, for <paramref name="reason"/>: over an earlier reason only when <paramref name="overFlag"/>.</summary>
    private void Flag(ReviewReason? reason, bool overFlag, DateTimeOffset now)
    {
        if (reason is not null && (overFlag || ReviewReason is null))
        {
            ReviewReason = reason;
            Raise(new PaymentFlaggedForReview(Id, reason, now));
        }
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
