using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/webhook-endpoints.</summary>
public sealed record CreateWebhookEndpointRequest
{
    /// <summary>Where Shield posts events: https (http only where Webhooks:RequireHttps is off), no credentials, a public address.</summary>
    public required string Url { get; init; }

    /// <summary>The event types to receive (payment.completed, refund.succeeded, ...); omitted or empty: all of them.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>What the endpoint is for (at most 200 characters).</summary>
    public string? Description { get; init; }
}

/// <summary>The body of POST /api/v1/webhook-endpoints/{id}/recover.</summary>
public sealed record RecoverWebhookEndpointRequest
{
    /// <summary>Deliveries that failed for events since this time (ISO 8601) are sent again, in order.</summary>
    [JsonRequired]
    public required DateTimeOffset Since { get; init; }
}

/// <summary>The body of POST /api/v1/events/{id}/redeliver (optional).</summary>
public sealed record RedeliverEventRequest
{
    /// <summary>Only this endpoint; omitted: every endpoint the event was delivered to.</summary>
    public Guid? EndpointId { get; init; }
}

/// <summary>The query string of GET /api/v1/events.</summary>
/// <param name="Type">One event type (payment.completed, refund.succeeded, ...).</param>
/// <param name="PaymentId">One payment's events.</param>
/// <param name="DeliverySuccess">false: events with a delivery not (yet) received; true: events every endpoint received.</param>
/// <param name="CreatedFrom">Inclusive lower bound of the event's timestamp (ISO 8601).</param>
/// <param name="CreatedTo">Inclusive upper bound of the event's timestamp (ISO 8601).</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1 to 100; 20 by default.</param>
public sealed record ListEventsRequest(
    [property: FromQuery(Name = "type")] string? Type,
    [property: FromQuery(Name = "paymentId")] Guid? PaymentId,
    [property: FromQuery(Name = "deliverySuccess")] bool? DeliverySuccess,
    [property: FromQuery(Name = "createdFrom")] DateTimeOffset? CreatedFrom,
    [property: FromQuery(Name = "createdTo")] DateTimeOffset? CreatedTo,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize);
