using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// What an operator searches payments by, across every client, as typed: all optional, all combined. The phone number
/// may be in any accepted format (07..., 7..., 2547..., +2547...); the receipt is any attempt's or the payment's; dates
/// are instants (any offset), inclusive.
/// </summary>
public sealed record PaymentSearchCriteria(
    string? PhoneNumber = null,
    string? ReceiptNumber = null,
    string? AccountReference = null,
    Guid? PaymentId = null,
    PaymentStatus? Status = null,
    string? ClientId = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null);
