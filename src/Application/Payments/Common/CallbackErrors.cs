using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>The expected refusals of the operators' work on stored callbacks, with stable codes.</summary>
public static class CallbackErrors
{
    public static Error NotFound(Guid id) =>
        Error.NotFound("callback_not_found", $"No stored callback {id} was found.");

    public static Error NotUnmatched(CallbackOutcome outcome) =>
        Error.Conflict("callback_not_unmatched", $"The callback is {outcome}, not Unmatched: only an unmatched STK callback can be applied to a payment.");

    public static Error MatchedElsewhere(PaymentId holder) =>
        Error.Conflict("callback_not_unmatched",
            $"The push this callback names is payment {holder}'s now: the callback is applied to that payment, not to another.");

    public static Error NotASuccess() =>
        Error.Conflict("callback_not_a_success",
            "Only an STK callback that reads as a success (ResultCode 0, with a receipt) can be applied to a payment.");

    /// <summary>The callback was received before the attempt it would be attached to was made: it is another push's answer.</summary>
    public static Error ReceivedBeforeAttempt(PaymentId paymentId, int attempt) =>
        Error.Conflict("callback_before_attempt",
            $"This callback was received before attempt {attempt} of payment {paymentId} was made, so it answers an earlier push (perhaps of another payment): it cannot be that attempt's.");

    public static Error NoAttemptAwaitsCallback(PaymentId paymentId) =>
        Error.Conflict("no_attempt_awaits_callback",
            $"None of payment {paymentId}'s pushes lost Daraja's answer (each has its own CheckoutRequestID), so this callback cannot be one of them.");
}
