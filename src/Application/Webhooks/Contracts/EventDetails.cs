using System.Text.Json;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.Contracts;

/// <summary>An event as the events API lists it: the envelope a webhook posts, and where its deliveries stand.</summary>
public sealed record EventDetails
{
    public required Guid Id { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required Guid PaymentId { get; init; }

    /// <summary>The resource (the payment, or for a refund.* event the refund) as its GET showed it right after the change.</summary>
    public required JsonElement Data { get; init; }

    public required IReadOnlyList<WebhookDeliveryDetails> Deliveries { get; init; }
}

/// <summary>One event's delivery to one endpoint.</summary>
public sealed record WebhookDeliveryDetails
{
    public required Guid EndpointId { get; init; }

    public required WebhookDeliveryStatus Status { get; init; }

    /// <summary>When the next attempt is due, while Pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public required IReadOnlyList<WebhookAttemptDetails> Attempts { get; init; }
}

/// <summary>One POST: what the receiver answered (the first 1 KB), how long it took, or what failed.</summary>
public sealed record WebhookAttemptDetails
{
    public required int Number { get; init; }

    public required DateTimeOffset At { get; init; }

    public int? StatusCode { get; init; }

    public required int DurationMs { get; init; }

    public string? ResponseExcerpt { get; init; }

    public string? Error { get; init; }
}

/// <summary>A page of events, newest first.</summary>
public sealed record EventPage(IReadOnlyList<EventDetails> Items, int Page, int PageSize, int TotalCount);

/// <summary>The filters of <c>GET /api/v1/events</c>.</summary>
public sealed record EventFilter(string? Type, Guid? PaymentId, bool? DeliverySuccess, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo);
