using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A person must look at the payment (<see cref="ReviewReason"/> says why): a success that does not fit it, a duplicate charge, an outcome never learned...</summary>
public sealed record PaymentFlaggedForReview(PaymentId PaymentId, ReviewReason Reason, DateTimeOffset OccurredAt) : IDomainEvent;
