using Microsoft.AspNetCore.Mvc;
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
/// <remarks>The names are camelCase, as in the bodies (binding ignores case, so older callers are unaffected).</remarks>
public sealed record ListPaymentsRequest(
    [property: FromQuery(Name = "status")] PaymentStatus? Status,
    [property: FromQuery(Name = "phoneNumber")] string? PhoneNumber,
    [property: FromQuery(Name = "accountReference")] string? AccountReference,
    [property: FromQuery(Name = "createdFrom")] DateTimeOffset? CreatedFrom,
    [property: FromQuery(Name = "createdTo")] DateTimeOffset? CreatedTo,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize);
