using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>One payment in an operator's search (and its CSV export): the phone in full (the console masks it).</summary>
public sealed record PaymentSearchRow(
    Guid Id,
    string ClientId,
    PaymentStatus Status,
    int Amount,
    string PhoneNumber,
    string AccountReference,
    string? MpesaReceiptNumber,
    string? ReviewReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
