using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>The expected failures of talking to Safaricom, with stable codes.</summary>
public static class MpesaErrors
{
    public static Error PushRejected(PushRejection rejection, PaymentFailure failure)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ArgumentNullException.ThrowIfNull(failure);
        return new Error("mpesa_push_rejected",
            $"M-Pesa refused the payment request ({failure.Code}): {rejection.ErrorCode} {rejection.ErrorMessage}", ErrorType.UpstreamRejected);
    }

    public static Error VerificationRejected(string errorCode, string errorMessage) =>
        new("mpesa_verification_rejected", $"M-Pesa refused the Transaction Status query: {errorCode} {errorMessage}", ErrorType.UpstreamRejected);

    public static Error NoAnswer(NoAnswerReason reason) => reason == NoAnswerReason.TimedOut
        ? new Error("mpesa_timeout",
            "M-Pesa did not answer in time. The payment stays Pending and is never sent twice; read it again to see its outcome.",
            ErrorType.UpstreamTimeout)
        : new Error("mpesa_unavailable",
            "M-Pesa could not be reached. The payment stays Pending and is never sent twice; read it again to see its outcome.",
            ErrorType.UpstreamUnavailable);

    /// <summary>
    /// The error a push's recorded answer means for the client, or null when there is none: refused by Daraja, or no
    /// answer (timed out, unreachable). The same for the request that sent it and for a replay of its Idempotency-Key.
    /// </summary>
    public static Error? ForPushOf(PaymentAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt switch
        {
            { Status: AttemptStatus.Rejected, ResultCode: { } code } when new PushRejection(code, attempt.ResultDescription ?? string.Empty) is var rejection =>
                PushRejected(rejection, FailureCatalogue.ForPushRejection(rejection)),
            { CheckoutRequestId: null, NoAnswer: { } reason } => NoAnswer(reason),
            _ => null,
        };
    }

    /// <summary>Daraja answered the push, but the answer could not be recorded (the database stayed down for seconds).</summary>
    public static Error AnswerNotRecorded() =>
        new("push_answer_not_recorded",
            "M-Pesa answered the payment request, but Shield could not record the answer: its database failed. The payment is kept, and its "
            + "outcome is found by the reconciler; read it again shortly. Do not retry it meanwhile: the customer may have the prompt.",
            ErrorType.Unavailable)
        {
            RetryAfterSeconds = 30,
        };
}
