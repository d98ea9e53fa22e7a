using Shield.Domain.Common;

namespace Shield.Domain.Refunds.Events;

/// <summary>M-Pesa reversed the payment (its result, a verification, or an operator who checked the statement says so).</summary>
public sealed record RefundSucceeded(RefundId RefundId, string? ReversalReceiptNumber, DateTimeOffset OccurredAt) : IDomainEvent;
