using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>The payment ended Failed: Daraja refused the push, or the customer could not pay (insufficient funds, wrong PIN, ...).</summary>
public sealed record PaymentFailed(PaymentId PaymentId, string FailureCode, DateTimeOffset OccurredAt) : IDomainEvent;
