using Microsoft.AspNetCore.Mvc;
using Shield.Domain.Refunds;

namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/payments/{id}/refunds.</summary>
public sealed record CreateRefundRequest
{
    /// <summary>Whole KES. Leave it out to refund the whole payment (a partial amount needs Refunds:AllowPartial).</summary>
    public long? Amount { get; init; }

    /// <summary>Why, in 1 to 100 characters: sent to M-Pesa as the reversal's remarks.</summary>
    public required string Reason { get; init; }
}

/// <summary>The body of POST /api/v1/refunds/{id}/settle.</summary>
public sealed record SettleRefundRequest
{
    /// <summary>True when the business's M-Pesa statement shows the reversal; false when it does not.</summary>
    public required bool? Succeeded { get; init; }

    /// <summary>The reversal's receipt as the statement shows it (when it succeeded).</summary>
    public string? ReversalReceiptNumber { get; init; }

    /// <summary>What was checked, 1 to 500 characters.</summary>
    public required string Note { get; init; }
}

/// <summary>The query string of GET /api/v1/refunds.</summary>
/// <param name="PaymentId">One payment's refunds.</param>
/// <param name="Status">Pending, Succeeded, Failed or Unknown.</param>
/// <param name="CreatedFrom">Inclusive lower bound of createdAt (ISO 8601).</param>
/// <param name="CreatedTo">Inclusive upper bound of createdAt (ISO 8601).</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1 to 100; 20 by default.</param>
public sealed record ListRefundsRequest(
    [property: FromQuery(Name = "paymentId")] Guid? PaymentId,
    [property: FromQuery(Name = "status")] RefundStatus? Status,
    [property: FromQuery(Name = "createdFrom")] DateTimeOffset? CreatedFrom,
    [property: FromQuery(Name = "createdTo")] DateTimeOffset? CreatedTo,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize);
