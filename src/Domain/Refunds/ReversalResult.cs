namespace Shield.Domain.Refunds;

/// <summary>
/// M-Pesa's result of a reversal, posted to ResultURL (REFERENCE.md §11.3), read tolerantly: any value may be missing.
/// <see cref="TransactionId"/> is the reversal's own receipt (a zero-padded placeholder on failure);
/// <see cref="OriginalTransactionId"/> is the receipt that was reversed (ResultParameters, on success only).
/// </summary>
public sealed record ReversalResult(
    string? ConversationId,
    string? OriginatorConversationId,
    string ResultCode,
    string? ResultDescription,
    string? TransactionId,
    decimal? Amount,
    string? OriginalTransactionId,
    DateTimeOffset? CompletedAt);
