namespace Shield.Domain.Payments;

/// <summary>
/// Safaricom's asynchronous answer to a Transaction Status query (REFERENCE.md §5.3), or its queue timeout. Values
/// come from ResultParameters read by Key; any of them may be missing.
/// </summary>
public sealed record TransactionStatusReport(
    string? ConversationId,
    string? OriginatorConversationId,
    string ResultCode,
    string? ResultDescription,
    string? ReceiptNumber,
    decimal? Amount,
    string? TransactionStatus,
    DateTimeOffset? CompletedAt,
    bool TimedOut);
