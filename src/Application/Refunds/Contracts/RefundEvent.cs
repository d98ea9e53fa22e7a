using Shield.Application.Common.Events;

namespace Shield.Application.Refunds.Contracts;

/// <summary>
/// Something that happened to a refund, as other modules (webhooks) and clients see it: its public type, its place
/// among the refund's events, the payment it refunds, and the refund as <c>GET /api/v1/refunds/{id}</c> showed it right
/// after the change.
/// </summary>
public sealed record RefundEvent(
    Guid Id,
    string Type,
    Guid RefundId,
    Guid PaymentId,
    int Sequence,
    string ClientId,
    DateTimeOffset OccurredAt,
    RefundDetails Refund) : IPublishedEvent;

/// <summary>The public event types of a refund: stable names clients subscribe to.</summary>
public static class RefundEventTypes
{
    public const string Created = "refund.created";
    public const string Succeeded = "refund.succeeded";
    public const string Failed = "refund.failed";

    public static IReadOnlyList<string> All { get; } = [Created, Succeeded, Failed];
}
