using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A second attempt succeeded after the payment had completed: the customer paid twice.</summary>
public sealed record DuplicateChargeDetected(PaymentId PaymentId, int AttemptNumber, string? ReceiptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
