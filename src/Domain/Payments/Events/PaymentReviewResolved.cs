using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A person resolved the payment's review (<see cref="Review.Resolve"/>): it leaves the review queue.</summary>
public sealed record PaymentReviewResolved(PaymentId PaymentId, ReviewReason Reason, string ResolvedBy, DateTimeOffset OccurredAt) : IDomainEvent;
