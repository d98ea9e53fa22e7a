using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A success arrived after the payment had been settled as Failed, Cancelled or Expired: the money moved, so it completes.</summary>
public sealed record PaymentCompletedLate(PaymentId PaymentId, PaymentStatus PreviousStatus, string? ReceiptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
