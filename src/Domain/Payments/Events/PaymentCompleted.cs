using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>Safaricom reported the customer paid.</summary>
public sealed record PaymentCompleted(PaymentId PaymentId, string? ReceiptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
