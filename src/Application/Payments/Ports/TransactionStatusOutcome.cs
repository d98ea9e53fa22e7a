using Shield.Domain.Payments;
namespace Shield.Application.Payments.Ports;

/// <summary>Daraja's synchronous answer to a Transaction Status query; the result itself comes later, to ResultURL.</summary>
public abstract record TransactionStatusOutcome
{
    private TransactionStatusOutcome()
    {
    }

    public sealed record Accepted(string ConversationId, string OriginatorConversationId) : TransactionStatusOutcome;

    public sealed record Rejected(string ErrorCode, string ErrorMessage) : TransactionStatusOutcome;

    public sealed record NoAnswer(NoAnswerReason Reason) : TransactionStatusOutcome;
}
