using Shield.Application.Common.Events;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// Something that happened to a payment, as other modules (webhooks, the console) and clients see it: its public
/// type, its place among the payment's events (<see cref="Sequence"/>: 1, 2, 3... in the order they happened), and the
/// payment as <c>GET /api/v1/payments/{id}</c> showed it right after the change (<see cref="Payment"/>).
/// </summary>
public sealed record PaymentEvent(
    Guid Id,
    string Type,
    Guid PaymentId,
    int Sequence,
    string ClientId,
    DateTimeOffset OccurredAt,
    PaymentDetails Payment) : IPublishedEvent;

/// <summary>The public event types of a payment (ARCHITECTURE.md §8): stable names clients subscribe to.</summary>
public static class PaymentEventTypes
{
    public const string Created = "payment.created";
    public const string Completed = "payment.completed";
    public const string Failed = "payment.failed";
    public const string Cancelled = "payment.cancelled";
    public const string Expired = "payment.expired";
    public const string FlaggedForReview = "payment.flagged_for_review";
    public const string Verified = "payment.verified";
    public const string Retried = "payment.retried";
    public const string ReviewResolved = "payment.review_resolved";

    public static IReadOnlyList<string> All { get; } = [Created, Completed, Failed, Cancelled, Expired, FlaggedForReview, Verified, Retried, ReviewResolved];
}
