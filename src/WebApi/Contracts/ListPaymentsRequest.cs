using Shield.Domain.Payments;

namespace Shield.WebApi.Contracts;

/// <summary>The query string of GET /api/v1/payments.</summary>
/// <param name="Status">Pending, Completed, Failed, Cancelled or Expired.</param>
/// <param name="PhoneNumber">In any accepted format (0712345678, +254712345678, ...).</param>
/// <param name="AccountReference">Exact account reference.</param>
/// <param name="CreatedFrom">Inclusive lower bound of createdAt (ISO 8601).</param>
/// <param name="CreatedTo">Inclusive upper bound of createdAt (ISO 8601).</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1 to 100; 20 by default.</param>
public sealed record ListPaymentsRequest(PaymentStatus? Status, string? PhoneNumber, string? AccountReference,
    DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Page, int? PageSize);
