using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>The payment ended Failed, Cancelled or Expired.</summary>
public sealed record PaymentFailed(PaymentId PaymentId, PaymentStatus Status, string FailureCode, DateTimeOffset OccurredAt) : IDomainEvent;
