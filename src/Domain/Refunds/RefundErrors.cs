using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Domain.Refunds;

/// <summary>The expected failures of refunds, with stable codes.</summary>
public static class RefundErrors
{
    public static Error NotFound(RefundId id) => Error.NotFound("refund_not_found", $"No refund {id} was found.");

    public static Error PaymentNotFound(PaymentId id) => Error.NotFound("payment_not_found", $"No payment {id} was found.");

    public static Error PaymentNotRefundable(string status) =>
        Error.Conflict("payment_not_refundable", $"A {status} payment without an M-Pesa receipt cannot be refunded: only Completed payments can.");

    public static Error ExceedsPayment(int amount, int refundable) =>
        Error.Conflict("refund_exceeds_payment", refundable == 0
            ? "This payment is already fully refunded."
            : $"A refund of KES {amount} would take the refunds past the payment's amount: at most KES {refundable} can still be refunded.");

    public static Error PartialNotAllowed(int amount, int paymentAmount) =>
        Error.Conflict("partial_refund_not_allowed",
            $"Only the whole payment (KES {paymentAmount}) can be refunded, not KES {amount}: partial reversals are not confirmed to work on M-Pesa, and this deployment does not allow them.");

    public static Error InProgress() =>
        Error.Conflict("refund_in_progress", "This payment has a refund whose outcome is not known yet. Wait for it to settle, then try again.")
            with { RetryAfterSeconds = 30 };

    public static Error Disabled() =>
        Error.Conflict("refunds_disabled", "Refunds are turned off for this deployment.");

    public static Error DailyLimitReached(int limit, int retryAfterSeconds) =>
        new Error("refund_limit_reached", $"This client has made {limit} refunds today, the most this deployment allows per day (East Africa Time).",
            ErrorType.RateLimited) { RetryAfterSeconds = retryAfterSeconds };

    public static Error IdempotencyKeyInUse() =>
        Error.Conflict("idempotency_key_in_use", "The first request with this Idempotency-Key is still being processed. Try again shortly.") with { RetryAfterSeconds = 1 };

    public static Error IdempotencyKeyReused(IReadOnlyList<string> fields) =>
        new("idempotency_key_reused", $"This Idempotency-Key was used for a different refund; these fields differ: {string.Join(", ", fields)}.", ErrorType.Mismatch)
        {
            Fields = fields,
        };

    public static Error NotSettleable(RefundStatus status) =>
        Error.Conflict("refund_not_settleable", $"A {status} refund cannot be settled by hand: only one whose outcome is Unknown can.");

    public static Error NotAwaitingApproval(RefundStatus status) =>
        Error.Conflict("refund_not_awaiting_approval", $"A {status} refund cannot be approved or rejected: only one awaiting approval can.");

    public static Error ApprovalByRequester() =>
        Error.Conflict("refund_approval_by_requester", "A refund must be approved by someone other than the person who requested it.");
}
