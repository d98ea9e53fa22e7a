using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A new attempt was started for a payment that had ended without the customer paying.</summary>
public sealed record PaymentRetried(PaymentId PaymentId, int AttemptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
