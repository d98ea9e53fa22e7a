namespace Shield.Domain.Payments;

/// <summary>The latest Transaction Status check of a completed payment, as Safaricom answered it.</summary>
public sealed record Verification(
    VerificationStatus Status,
    DateTimeOffset RequestedAt,
    string? ConversationId,
    string? OriginatorConversationId,
    string? ResultCode = null,
    string? ResultDescription = null,
    string? ReceiptNumber = null,
    decimal? Amount = null,
    string? TransactionStatus = null,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? AnsweredAt = null)
{
    /// <summary>True when Safaricom's record matches the payment; null until it answers.</summary>
    public bool? Matches => Status switch
    {
        VerificationStatus.Confirmed => true,
        VerificationStatus.Mismatch => false,
        _ => null,
    };
}
