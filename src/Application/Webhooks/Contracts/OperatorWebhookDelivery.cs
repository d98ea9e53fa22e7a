using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.Contracts;

/// <summary>
/// One event's delivery to one endpoint, of any client, as an operator sees it: where it stands and every attempt (the
/// status code each got, and when). The client id, event id and endpoint id are what <c>RedeliverEventCommand</c>
/// needs to send it again.
/// </summary>
public sealed record OperatorWebhookDelivery
{
    public required Guid Id { get; init; }

    public required Guid EndpointId { get; init; }

    public required string EndpointUrl { get; init; }

    public required string ClientId { get; init; }

    public required Guid EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The payment the event concerns (for a refund's event, the refunded payment); null when its event is no longer kept.</summary>
    public Guid? PaymentId { get; init; }

    public required WebhookDeliveryStatus Status { get; init; }

    /// <summary>Attempts made in all (redeliveries included).</summary>
    public required int AttemptCount { get; init; }

    /// <summary>The last attempt's HTTP status; null when it got no answer, or none was made.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed without an answer (or the redirect not followed); null otherwise.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>When the next attempt is due, while Pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a receiver first had it (kept through a redelivery).</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When it was last settled (received or given up); null while Pending.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Every attempt, first to last: each one's time, status code, duration, the first 1 KB of the answer, or the error.</summary>
    public required IReadOnlyList<WebhookAttemptDetails> Attempts { get; init; }
}

/// <summary>A page of deliveries, newest first, and how many match in all.</summary>
public sealed record OperatorWebhookDeliveryPage(IReadOnlyList<OperatorWebhookDelivery> Items, int Page, int PageSize, int TotalCount);

/// <summary>Which deliveries an operator lists: any combination; <see cref="FailedOnly"/> keeps those given up.</summary>
public sealed record WebhookDeliveryFilter(ClientId? ClientId = null, Guid? EndpointId = null, Guid? PaymentId = null, Guid? EventId = null, bool FailedOnly = false);
