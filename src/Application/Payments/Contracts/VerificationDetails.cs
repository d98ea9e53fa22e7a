using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>The latest Transaction Status check of a completed payment, as Safaricom answered it.</summary>
public sealed record VerificationDetails
{
    public required VerificationStatus Status { get; init; }

    /// <summary>True when Safaricom's record matches the payment (receipt, amount, Completed); null until it answers.</summary>
    public bool? Matches { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public string? ResultCode { get; init; }

    public string? ResultDescription { get; init; }

    public string? TransactionStatus { get; init; }

    public string? ReceiptNumber { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>When Safaricom says the transaction completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
