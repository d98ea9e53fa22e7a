using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>The expected failures of the Payment aggregate, with stable codes.</summary>
public static class PaymentErrors
{
    public static Error NotFound(PaymentId id) =>
        Error.NotFound("payment_not_found", $"No payment {id} was found.");

    public static Error AttemptNotFound(string checkoutRequestId) =>
        Error.NotFound("attempt_not_found", $"No attempt has CheckoutRequestID {checkoutRequestId}.");

    public static Error AttemptNumberNotFound(int number) =>
        Error.NotFound("attempt_not_found", $"The payment has no attempt {number}.");

    public static Error NotRetriable(PaymentStatus status) =>
        Error.Conflict("payment_not_retriable", $"A {status} payment cannot be retried: only Failed, Cancelled or Expired ones can.");

    public static Error TooManyAttempts(int maxAttempts) =>
        Error.Conflict("too_many_attempts", $"The payment already has {maxAttempts} attempts, the most allowed.");

    public static Error NotVerifiable(PaymentStatus status) =>
        Error.Conflict("payment_not_verifiable", $"A {status} payment without an M-Pesa receipt cannot be checked with Transaction Status.");

    public static Error NothingToVerify(int attemptNumber) =>
        Error.Conflict("nothing_to_verify",
            $"Attempt {attemptNumber} has no CheckoutRequestID: Daraja's answer to its push was never recorded, so Safaricom cannot be asked about it. "
            + "The reconciler resolves it (a success callback is matched by phone and amount).");

    public static Error NothingToVerifyAfterRejection(int attemptNumber, string? errorCode) =>
        Error.Conflict("nothing_to_verify",
            $"Daraja refused attempt {attemptNumber}'s push{(errorCode is null ? string.Empty : $" ({errorCode})")}: no prompt was shown and no money moved, "
            + "so there is nothing to ask Safaricom. Retry the payment to send a new prompt.");

    public static Error SubscriberBusy() =>
        Error.Conflict("subscriber_busy", "This phone already has an M-Pesa prompt in flight. Wait for its outcome, then try again.") with { RetryAfterSeconds = 30 };

    public static Error IdempotencyKeyReused(IReadOnlyList<string> fields) =>
        new("idempotency_key_reused", $"This Idempotency-Key was used for a different request; these fields differ: {string.Join(", ", fields)}.", ErrorType.Mismatch)
        {
            Fields = fields,
        };

    public const string IdempotencyKeyInUseCode = "idempotency_key_in_use";

    public static Error IdempotencyKeyInUse() =>
        Error.Conflict(IdempotencyKeyInUseCode, "The first request with this Idempotency-Key is still being processed. Try again shortly.") with { RetryAfterSeconds = 1 };

    public static Error OutcomeUnknownNotAcknowledged(int attemptNumber) =>
        Error.Conflict("outcome_unknown_not_acknowledged",
            $"Attempt {attemptNumber}'s prompt may have reached the customer, and its outcome was never learned: the customer may have paid. "
            + "Check with the customer (an M-Pesa message, or the business's M-Pesa statement), then retry acknowledging that the outcome is unknown.");

    public static Error NotUnderReview() =>
        Error.Conflict("payment_not_under_review", "This payment is not flagged for review: there is nothing to resolve.");

    public static Error ReviewReasonChanged(ReviewReason resolving, ReviewReason current) =>
        Error.Conflict("review_reason_changed",
            $"The payment is flagged {current.Code} now, not {resolving.Code}: read it again and resolve what it is flagged for.");

    public static Error ReviewNeedsDecision(ReviewReason reason) =>
        Error.Conflict("review_needs_decision",
            $"A {reason.Code} review is settled by a decision about the money (accepting the payment as paid, or refunding it), not by a note; "
            + "until then the payment stays held, and the reconciler leaves it alone.");

    public static Error AttemptNotSending(int number) =>
        Error.Conflict("attempt_not_sending", $"Attempt {number} is no longer being sent.");
}
