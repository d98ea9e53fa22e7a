using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Contracts;

/// <summary>A refund as clients see it (<c>GET /api/v1/refunds/{id}</c>), also each item of a payment's <c>refunds</c>.</summary>
public sealed record RefundDetails
{
    public required Guid Id { get; init; }

    public required Guid PaymentId { get; init; }

    /// <summary>Whole KES.</summary>
    public required int Amount { get; init; }

    public required RefundStatus Status { get; init; }

    public required string Reason { get; init; }

    /// <summary>The reversal's own M-Pesa receipt, once it succeeded.</summary>
    public string? ReversalReceiptNumber { get; init; }

    public RefundFailureDetails? Failure { get; init; }

    /// <summary>Why a person must look at it (outcome_unknown, already_reversed, verification_inconclusive...), or null.</summary>
    public string? ReviewReason { get; init; }

    /// <summary>Who settled an Unknown refund by hand, or null.</summary>
    public string? SettledBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>Why a refund failed: a stable code, M-Pesa's code and description as sent, a message, and whether a new refund can succeed once the cause is fixed.</summary>
public sealed record RefundFailureDetails
{
    public required string Code { get; init; }

    public string? ResultCode { get; init; }

    public string? ResultDescription { get; init; }

    public required string Message { get; init; }

    public required bool Retriable { get; init; }
}

/// <summary>One page of refunds and how many match in all.</summary>
public sealed record RefundPage(IReadOnlyList<RefundDetails> Items, int Page, int PageSize, int TotalCount);

/// <summary>The filters of <c>GET /api/v1/refunds</c>.</summary>
public sealed record RefundFilter(Guid? PaymentId, RefundStatus? Status, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo);
