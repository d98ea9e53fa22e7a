using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>How Daraja answered an STK push.</summary>
public abstract record StkPushOutcome
{
    private StkPushOutcome()
    {
    }

    /// <summary>Accepted: the customer has the prompt. Not paid yet.</summary>
    public sealed record Accepted(string MerchantRequestId, string CheckoutRequestId) : StkPushOutcome;

    /// <summary>Refused synchronously with Daraja's errorCode and errorMessage: no prompt was shown.</summary>
    public sealed record Rejected(PushRejection Rejection) : StkPushOutcome;

    /// <summary>No answer: Daraja could not be reached, or did not answer in time. The push may have gone out.</summary>
    public sealed record NoAnswer(NoAnswerReason Reason) : StkPushOutcome;
}
