using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds.Events;

namespace Shield.Domain.Refunds;

/// <summary>
/// Money returned to the customer of a completed payment through M-Pesa's Reversal API. Stored Pending before anything
/// is sent; then Succeeded or Failed by M-Pesa's result, or Unknown when the request may have been carried out without
/// Shield learning so. A request is sent once: an Unknown refund is verified (Transaction Status), or settled by an
/// operator, never sent again. A success always wins: nothing turns a Succeeded refund into anything else. A refund
/// requested for approval (the console's maker-checker) is stored AwaitingApproval instead, holding its payment's open
/// slot, and becomes Pending (then is sent) only when a different person approves it; rejected, it fails unsent.
/// </summary>
public sealed class Refund : AggregateRoot
{
    /// <summary>How many Transaction Status checks an open refund gets before a person is asked to settle it.</summary>
    public const int MaxVerifications = 3;

    /// <summary>The longest name of who requested, approved, rejected or settled a refund.</summary>
    public const int MaxActorLength = 128;

    /// <summary>The longest note of a rejection (or a settlement).</summary>
    public const int MaxNoteLength = 500;

    private Refund() => (Reason, ReceiptNumber) = (null!, null!);

    private Refund(RefundId id, ClientId clientId, PaymentId paymentId, string? idempotencyKey, int amount, RefundReason reason, string receiptNumber,
        string requestedBy, bool awaitingApproval, DateTimeOffset now)
    {
        (Id, ClientId, PaymentId, IdempotencyKey, Amount, Reason, ReceiptNumber) = (id, clientId, paymentId, idempotencyKey, amount, reason, receiptNumber);
        (Status, OpenPaymentId, RequestedBy, CreatedAt, UpdatedAt) =
            (awaitingApproval ? RefundStatus.AwaitingApproval : RefundStatus.Pending, paymentId.Value, requestedBy, now, now);
    }

    // What was asked, fixed at creation.
    public RefundId Id { get; private set; }
    public ClientId ClientId { get; private set; }
    public PaymentId PaymentId { get; private set; }
    public string? IdempotencyKey { get; private set; }

    /// <summary>Whole KES.</summary>
    public int Amount { get; private set; }
    public RefundReason Reason { get; private set; }

    /// <summary>The payment's M-Pesa receipt: the transaction reversed.</summary>
    public string ReceiptNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    // Where it stands.
    public RefundStatus Status { get; private set; }

    /// <summary>
    /// The payment's id while the refund is open (Pending or Unknown) or awaiting approval, else null: a unique index allows
    /// one such refund per payment (<see cref="HoldsOpenSlot"/>).
    /// </summary>
    public Guid? OpenPaymentId { get; private set; }

    /// <summary>Daraja's acknowledgement: the only handle on the reversal until its result arrives.</summary>
    public string? ConversationId { get; private set; }
    public string? OriginatorConversationId { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>Why Daraja's answer to the request was not an acknowledgement it could be sure of (timeout, 5xx...).</summary>
    public ReversalNoAnswer? NoAnswer { get; private set; }

    /// <summary>A queue-timeout notice arrived: M-Pesa may or may not have carried it out.</summary>
    public bool QueueTimedOut { get; private set; }

    /// <summary>The reversal's own M-Pesa receipt (its result's TransactionID), on success.</summary>
    public string? ReversalReceiptNumber { get; private set; }

    /// <summary>The amount M-Pesa reported reversed, when it said (its result's Amount, or Transaction Status's).</summary>
    public decimal? ReversedAmount { get; private set; }
    public RefundFailure? Failure { get; private set; }

    /// <summary>The latest result code M-Pesa sent for it (0, R000001, 2001...).</summary>
    public string? ResultCode { get; private set; }
    public RefundReview? Review { get; private set; }

    // Verification by Transaction Status (REFERENCE.md §11.6).
    public int Verifications { get; private set; }
    public DateTimeOffset? VerificationRequestedAt { get; private set; }
    public string? VerificationConversationId { get; private set; }
    public string? VerificationOriginatorConversationId { get; private set; }

    /// <summary>Who settled it by hand (an operator, or <c>client:{id}</c>), and what they wrote.</summary>
    public string? SettledBy { get; private set; }
    public string? SettlementNote { get; private set; }

    /// <summary>Who asked for it: <c>client:{id}</c> through the API, the operator's name through the console (null on rows stored before it was kept).</summary>
    public string? RequestedBy { get; private set; }

    /// <summary>Who approved a refund held for approval, and when (it was sent after that commit).</summary>
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Who rejected a refund held for approval, when, and what they wrote: it failed, never sent.</summary>
    public string? RejectedBy { get; private set; }
    public DateTimeOffset? RejectedAt { get; private set; }
    public string? RejectionNote { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change, checked by every save.</summary>
    public int Version { get; private set; }

    /// <summary>Pending or Unknown: sent, being sent, or maybe carried out.</summary>
    public bool IsOpen => Status is RefundStatus.Pending or RefundStatus.Unknown;

    /// <summary>Open, or awaiting approval: it holds the payment's one open slot (<see cref="OpenPaymentId"/>).</summary>
    public bool HoldsOpenSlot => IsOpen || Status == RefundStatus.AwaitingApproval;

    /// <summary>The reasons that leave an open refund to a person: nothing Shield can ask settles it.</summary>
    public static IReadOnlyList<RefundReview> PersonReviews { get; } =
        [RefundReview.OutcomeUnknown, RefundReview.VerificationInconclusive, RefundReview.OriginalTransactionMismatch];

    /// <summary>Open, and only a person can settle it (<see cref="PersonReviews"/>).</summary>
    public bool WaitsForPerson => IsOpen && Review is { } review && PersonReviews.Contains(review);

    /// <summary>
    /// A refund of <paramref name="amount"/> KES (the rest of the payment when null) of <paramref name="payment"/>, or the
    /// rule it breaks: only a completed payment with a receipt; never past the payment's amount; the whole payment unless
    /// <paramref name="allowPartial"/>. One open refund per payment is the database's rule, not a check here. Who asked
    /// is <paramref name="requestedBy"/> (<c>client:{id}</c> when null); with <paramref name="awaitingApproval"/> it is
    /// stored AwaitingApproval, to be sent only once someone else approves it (<see cref="Approve"/>).
    /// </summary>
    public static Result<Refund> Request(RefundId id, ClientId clientId, RefundablePayment payment, int? amount, RefundReason reason,
        string? idempotencyKey, bool allowPartial, DateTimeOffset now, string? requestedBy = null, bool awaitingApproval = false)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(reason);
        if (payment.Status != PaymentStatus.Completed || string.IsNullOrEmpty(payment.ReceiptNumber))
        {
            return RefundErrors.PaymentNotRefundable(payment.Status.ToString());
        }

        var refundable = Math.Max(0, payment.Amount - payment.Refunded);
        var requested = amount ?? refundable;
        if (requested < 1 || requested > refundable)
        {
            return RefundErrors.ExceedsPayment(requested, refundable);
        }

        if (!allowPartial && requested != payment.Amount)
        {
            return RefundErrors.PartialNotAllowed(requested, payment.Amount);
        }

        var refund = new Refund(id, clientId, payment.Id, idempotencyKey, requested, reason, payment.ReceiptNumber,
            string.IsNullOrWhiteSpace(requestedBy) ? $"client:{clientId}" : requestedBy, awaitingApproval, now);
        refund.Raise(new RefundCreated(id, requested, now));
        return refund;
    }

    /// <summary>
    /// A person other than its requester (compared ignoring case) approves a refund awaiting approval: Pending, to be sent
    /// after this commit exactly as a direct request is. Anything but AwaitingApproval (approved or rejected already) is
    /// refused, so of concurrent approvals only the one saved first sends.
    /// </summary>
    public Result Approve(string approvedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approvedBy);
        if (Status != RefundStatus.AwaitingApproval)
        {
            return RefundErrors.NotAwaitingApproval(Status);
        }

        if (string.Equals(approvedBy.Trim(), RequestedBy?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return RefundErrors.ApprovalByRequester();
        }

        (Status, ApprovedBy, ApprovedAt) = (RefundStatus.Pending, approvedBy, now);
        Touch(now);
        return Result.Success();
    }

    /// <summary>A person rejects a refund awaiting approval: Failed (<c>refund_rejected</c>), its slot released, nothing ever sent.</summary>
    public Result Reject(string rejectedBy, string? note, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rejectedBy);
        if (Status != RefundStatus.AwaitingApproval)
        {
            return RefundErrors.NotAwaitingApproval(Status);
        }

        (RejectedBy, RejectedAt, RejectionNote) = (rejectedBy, now, note);
        Fail(ReversalCatalogue.Rejected(), now);
        return Result.Success();
    }

    /// <summary>Daraja acknowledged the request: its ids are kept whatever happened meanwhile (an early result may have settled it).</summary>
    public void RecordSubmitted(string conversationId, string? originatorConversationId, DateTimeOffset now)
    {
        if (SubmittedAt is not null || Status == RefundStatus.AwaitingApproval)
        {
            return;
        }

        (ConversationId, OriginatorConversationId, SubmittedAt) = (conversationId, NullIfEmpty(originatorConversationId), now);
        if (Review == RefundReview.OutcomeUnknown)
        {
            Review = null; // the reconciler gave up waiting for this answer; now there is something to ask M-Pesa about
        }

        Touch(now);
    }

    /// <summary>Daraja refused the request (4xx): nothing was sent, so it failed.</summary>
    public void RecordNotSent(string errorCode, string errorMessage, DateTimeOffset now)
    {
        if (Status != RefundStatus.Pending || SubmittedAt is not null)
        {
            return;
        }

        Fail(ReversalCatalogue.NotSent(errorCode, errorMessage), now);
    }

    /// <summary>The request may have been carried out (timeout, 5xx, unreadable answer): Unknown, and a person must look, as there is nothing to ask M-Pesa about.</summary>
    public void RecordNoAnswer(ReversalNoAnswer reason, DateTimeOffset now)
    {
        if (Status != RefundStatus.Pending || SubmittedAt is not null)
        {
            return;
        }

        NoAnswer = reason;
        Status = RefundStatus.Unknown;
        Review = RefundReview.OutcomeUnknown;
        Touch(now);
    }

    /// <summary>
    /// M-Pesa's result. Only 0 is a success (checked against the receipt and amount); R000001 (already reversed) is never a
    /// plain failure, as it may answer an earlier request of Shield's: the refund is flagged and verified. Anything else
    /// fails it. A result for a settled refund is a duplicate, except a success for a Failed one, which the money proves.
    /// </summary>
    public ReversalApplication ApplyResult(ReversalResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Status == RefundStatus.AwaitingApproval)
        {
            return ReversalApplication.RecordedOnly; // nothing was sent: no result can be about it
        }

        var success = result.ResultCode == ReversalCatalogue.Reversed;
        var alreadyReversed = string.Equals(result.ResultCode, ReversalCatalogue.AlreadyReversed, StringComparison.OrdinalIgnoreCase);
        if (Status == RefundStatus.Succeeded && success && result.TransactionId is { Length: > 0 } receipt)
        {
            if (ReversalReceiptNumber is null)
            {
                // Settled Succeeded by a person without the receipt: the result supplies it.
                (ReversalReceiptNumber, ReversedAmount) = (receipt, ReversedAmount ?? result.Amount);
                Touch(now);
                return ReversalApplication.Applied;
            }

            if (!string.Equals(receipt, ReversalReceiptNumber, StringComparison.OrdinalIgnoreCase) && Review != RefundReview.SecondReversal)
            {
                // Not a copy of the result already applied: another reversal of this receipt was carried out. (Its body,
                // with the second receipt, is the stored callback; its copies are duplicates.)
                Review = RefundReview.SecondReversal;
                Touch(now);
                return ReversalApplication.FlaggedForReview;
            }
        }

        if (Status == RefundStatus.Succeeded || (Status == RefundStatus.Failed && !success))
        {
            return ReversalApplication.Duplicate;
        }

        ResultCode = result.ResultCode;
        if (success)
        {
            if (result.OriginalTransactionId is { Length: > 0 } original && !string.Equals(original, ReceiptNumber, StringComparison.OrdinalIgnoreCase))
            {
                return Flag(RefundReview.OriginalTransactionMismatch, now);
            }

            var review = Status == RefundStatus.Failed ? RefundReview.SucceededAfterFailure
                : result.Amount is { } paid && paid != Amount ? RefundReview.AmountMismatch
                : (RefundReview?)null;
            ReversedAmount = result.Amount;
            Succeed(result.TransactionId, result.CompletedAt ?? now, review, now);
            return review is null ? ReversalApplication.Applied : ReversalApplication.FlaggedForReview;
        }

        if (alreadyReversed)
        {
            return Flag(RefundReview.AlreadyReversed, now);
        }

        Fail(ReversalCatalogue.Failure(result.ResultCode, result.ResultDescription), now);
        return ReversalApplication.Applied;
    }

    /// <summary>A queue-timeout notice: the outcome is not known (never a failure); the refund is verified.</summary>
    public ReversalApplication RecordQueueTimeout(DateTimeOffset now)
    {
        if (!IsOpen || QueueTimedOut)
        {
            return ReversalApplication.Duplicate;
        }

        QueueTimedOut = true;
        Status = RefundStatus.Unknown;
        Touch(now);
        return ReversalApplication.Applied;
    }

    /// <summary>What the reconciler should do about this refund now: ask Transaction Status, give it to a person, or nothing.</summary>
    public VerificationStep NextVerificationStep(DateTimeOffset now, TimeSpan verifyAfter)
    {
        if (Status == RefundStatus.Pending && SubmittedAt is null)
        {
            // Stored (or approved), and Daraja's answer never recorded (the process stopped while sending): it may have been
            // sent. Its sending began at its approval when it waited for one (CreatedAt may be hours before).
            return now - (ApprovedAt ?? CreatedAt) >= verifyAfter ? VerificationStep.GiveUpWaiting : VerificationStep.None;
        }

        if (IsOpen && SubmittedAt is { } submitted && OriginatorConversationId is null && !WaitsForPerson)
        {
            // Acknowledged without an OriginatorConversationID: there is nothing to ask Transaction Status by.
            return now - submitted >= verifyAfter ? VerificationStep.GiveToPerson : VerificationStep.None;
        }

        if (!IsOpen || OriginatorConversationId is null || WaitsForPerson)
        {
            return VerificationStep.None;
        }

        var waitedFrom = VerificationRequestedAt ?? (Status == RefundStatus.Unknown ? DateTimeOffset.MinValue : SubmittedAt!.Value);
        if (waitedFrom != DateTimeOffset.MinValue && now - waitedFrom < verifyAfter)
        {
            return VerificationStep.None;
        }

        return Verifications >= MaxVerifications ? VerificationStep.GiveToPerson : VerificationStep.Ask;
    }

    /// <summary>The answer to the request was never recorded: it may have been carried out, and there is nothing to ask M-Pesa about.</summary>
    public void RecordAnswerLost(DateTimeOffset now) => RecordNoAnswer(ReversalNoAnswer.Unreachable, now);

    /// <summary>Transaction Status was asked about it (Daraja acknowledged the query).</summary>
    public void RecordVerificationRequested(string conversationId, string? originatorConversationId, DateTimeOffset now)
    {
        Verifications++;
        (VerificationConversationId, VerificationOriginatorConversationId, VerificationRequestedAt) = (conversationId, NullIfEmpty(originatorConversationId), now);
        Touch(now);
    }

    /// <summary>Transaction Status could not be asked (Daraja refused or did not answer): counted, and asked again later.</summary>
    public void RecordVerificationNotSent(DateTimeOffset now)
    {
        Verifications++;
        VerificationRequestedAt = now;
        Touch(now);
    }

    /// <summary>Transaction Status never showed it done: a person settles it.</summary>
    public void GiveToPerson(DateTimeOffset now)
    {
        if (IsOpen && Review != RefundReview.VerificationInconclusive)
        {
            Flag(RefundReview.VerificationInconclusive, now);
        }
    }

    /// <summary>
    /// Transaction Status's answer about the reversal: a completed transaction with a receipt settles it Succeeded;
    /// anything else proves nothing (an absent record may be a lookup Daraja does not support), so a person settles it.
    /// </summary>
    public ReversalApplication RecordVerification(ReversalStatusReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Status == RefundStatus.AwaitingApproval)
        {
            return ReversalApplication.RecordedOnly; // nothing was sent or asked about
        }

        // A completed transaction with a receipt that is not the payment's own (an answer about the original payment,
        // also Completed, would name that one: it proves nothing about the reversal).
        var done = !report.TimedOut && report.ResultCode == ReversalCatalogue.Reversed && report.ReceiptNumber is { Length: > 0 } receipt
            && !string.Equals(receipt, ReceiptNumber, StringComparison.OrdinalIgnoreCase)
            && string.Equals(report.TransactionStatus, "Completed", StringComparison.OrdinalIgnoreCase);
        if (Status == RefundStatus.Succeeded || (Status == RefundStatus.Failed && !done))
        {
            return ReversalApplication.Duplicate;
        }

        if (!done)
        {
            // Asked again (a reversal still queued is not found yet) until the last question; then a person settles it.
            return report.TimedOut || Verifications < MaxVerifications ? ReversalApplication.RecordedOnly : Flag(RefundReview.VerificationInconclusive, now);
        }

        // As for a result: a reversal shown done wins, even over a refund recorded Failed (the money says so).
        var review = Status == RefundStatus.Failed ? RefundReview.SucceededAfterFailure
            : report.Amount is { } amount && amount != Amount ? RefundReview.AmountMismatch
            : (RefundReview?)null;
        ReversedAmount = report.Amount;
        Succeed(report.ReceiptNumber, report.CompletedAt ?? now, review, now);
        return review is null ? ReversalApplication.Applied : ReversalApplication.FlaggedForReview;
    }

    /// <summary>
    /// Stored (or awaiting approval), and found before anything was sent to break a rule another request broke first (it
    /// settled a refund of the same payment between this one's checks and its commit, or while it awaited approval):
    /// Failed, never sent.
    /// </summary>
    public void WithdrawBeforeSending(RefundFailure failure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if ((Status is RefundStatus.Pending or RefundStatus.AwaitingApproval) && SubmittedAt is null)
        {
            Fail(failure, now);
        }
    }

    /// <summary>An operator who checked the M-Pesa statement settles a refund whose outcome is Unknown, and is recorded.</summary>
    public Result Settle(bool succeeded, string? reversalReceiptNumber, string settledBy, string? note, DateTimeOffset now)
    {
        if (Status != RefundStatus.Unknown)
        {
            return RefundErrors.NotSettleable(Status);
        }

        (SettledBy, SettlementNote) = (settledBy, note);
        if (succeeded)
        {
            Succeed(reversalReceiptNumber, now, review: null, now);
        }
        else
        {
            Fail(ReversalCatalogue.SettledAsFailed(note), now);
        }

        return Result.Success();
    }

    private ReversalApplication Flag(RefundReview review, DateTimeOffset now)
    {
        Review = review;
        if (Status == RefundStatus.Pending)
        {
            Status = RefundStatus.Unknown;
        }

        Touch(now);
        return ReversalApplication.FlaggedForReview;
    }

    private void Succeed(string? reversalReceiptNumber, DateTimeOffset completedAt, RefundReview? review, DateTimeOffset now)
    {
        (Status, ReversalReceiptNumber, CompletedAt, Failure, Review, OpenPaymentId) =
            (RefundStatus.Succeeded, reversalReceiptNumber, completedAt.ToUniversalTime(), null, review, null);
        Touch(now);
        Raise(new RefundSucceeded(Id, reversalReceiptNumber, now));
    }

    private void Fail(RefundFailure failure, DateTimeOffset now)
    {
        (Status, Failure, CompletedAt, Review, OpenPaymentId) = (RefundStatus.Failed, failure, now, null, null);
        Touch(now);
        Raise(new RefundFailed(Id, failure.Code, now));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>What a result (or a verification) did to its refund; the callback row records it.</summary>
public enum ReversalApplication
{
    Applied,
    Duplicate,
    RecordedOnly,
    FlaggedForReview,
}

/// <summary>The reconciler's next step for an open refund.</summary>
public enum VerificationStep
{
    None,
    Ask,
    GiveToPerson,

    /// <summary>Stored long ago and never acknowledged: Unknown, for a person.</summary>
    GiveUpWaiting,
}
