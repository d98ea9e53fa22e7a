using Shield.Domain.Common;

namespace Shield.Domain.Payments.Events;

/// <summary>A success did not match the payment (amount or phone): recorded, not applied, and a person must look.</summary>
public sealed record PaymentFlaggedForReview(PaymentId PaymentId, string Reason, DateTimeOffset OccurredAt) : IDomainEvent;
