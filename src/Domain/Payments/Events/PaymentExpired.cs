using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>The payment ended Expired: the customer never answered (1037, 1019), or no outcome came in time (no_outcome, outcome_unknown).</summary>
public sealed record PaymentExpired(PaymentId PaymentId, string FailureCode, DateTimeOffset OccurredAt) : IDomainEvent;
