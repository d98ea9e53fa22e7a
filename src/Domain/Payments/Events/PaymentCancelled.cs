using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>The payment ended Cancelled: the customer cancelled the prompt (1032, 1031).</summary>
public sealed record PaymentCancelled(PaymentId PaymentId, string FailureCode, DateTimeOffset OccurredAt) : IDomainEvent;
