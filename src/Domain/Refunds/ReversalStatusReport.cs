namespace Shield.Domain.Refunds;

/// <summary>
/// Transaction Status's answer about a reversal, asked by the reversal's OriginatorConversationID (REFERENCE.md §11.6),
/// or its queue timeout (<see cref="TimedOut"/>). What such an answer looks like is unconfirmed: any value may be missing.
/// </summary>
public sealed record ReversalStatusReport(
    string? ConversationId,
    string? OriginatorConversationId,
    string ResultCode,
    string? ResultDescription,
    string? ReceiptNumber,
    decimal? Amount,
    string? TransactionStatus,
    DateTimeOffset? CompletedAt,
    bool TimedOut);
