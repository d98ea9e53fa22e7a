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

    public static Error AttemptNotSending(int number) =>
        Error.Conflict("attempt_not_sending", $"Attempt {number} is no longer being sent.");
}
