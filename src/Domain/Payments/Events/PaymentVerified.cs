using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>Safaricom answered a Transaction Status check of the completed payment: confirmed, a mismatch, failed or timed out.</summary>
public sealed record PaymentVerified(PaymentId PaymentId, VerificationStatus Status, DateTimeOffset OccurredAt) : IDomainEvent;
