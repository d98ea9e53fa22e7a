using Shield.Domain.Common;

namespace Shield.Domain.Refunds.Events;

/// <summary>A refund was accepted and stored, before anything was sent to Daraja.</summary>
public sealed record RefundCreated(RefundId RefundId, int Amount, DateTimeOffset OccurredAt) : IDomainEvent;
