using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A payment was created with its first attempt.</summary>
public sealed record PaymentInitiated(PaymentId PaymentId, int AttemptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
