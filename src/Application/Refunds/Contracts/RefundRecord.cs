namespace Shield.Application.Refunds.Contracts;

/// <summary>
/// A refund as operators see it (the console; never the API): what a client sees (<see cref="Refund"/>), whose it is, and
/// who did what to it and Daraja's handles on it.
/// </summary>
public sealed record RefundRecord
{
    /// <summary>The refund as GET of the API shows it to its client.</summary>
    public required RefundDetails Refund { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The payment's M-Pesa receipt: the transaction reversed.</summary>
    public required string ReceiptNumber { get; init; }

    /// <summary>Who requested it (<c>client:{id}</c> through the API, the operator's name through the console); null on refunds stored before it was kept.</summary>
    public string? RequestedBy { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    public string? RejectedBy { get; init; }

    public DateTimeOffset? RejectedAt { get; init; }

    public string? RejectionNote { get; init; }

    /// <summary>Who settled an Unknown refund by hand, and what they wrote.</summary>
    public string? SettledBy { get; init; }

    public string? SettlementNote { get; init; }

    /// <summary>The latest result code M-Pesa sent for it (0, R000001, 2001...), or null.</summary>
    public string? ResultCode { get; init; }

    /// <summary>Daraja's acknowledgement ids, and when it was acknowledged.</summary>
    public string? ConversationId { get; init; }

    public string? OriginatorConversationId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>Why Daraja's answer to the request was no sure acknowledgement (Unreachable, TimedOut, ServerError, Unreadable), or null.</summary>
    public string? NoAnswer { get; init; }

    /// <summary>Transaction Status questions asked about it.</summary>
    public required int Verifications { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One page of refund records (any client's) and how many match in all.</summary>
public sealed record RefundRecordPage(IReadOnlyList<RefundRecord> Items, int Page, int PageSize, int TotalCount);
