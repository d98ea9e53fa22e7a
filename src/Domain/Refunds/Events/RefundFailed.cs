using Shield.Domain.Common;

namespace Shield.Domain.Refunds.Events;

/// <summary>The refund ended Failed: no money moved.</summary>
public sealed record RefundFailed(RefundId RefundId, string FailureCode, DateTimeOffset OccurredAt) : IDomainEvent;
