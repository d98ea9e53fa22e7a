using Shield.Application.Webhooks.Contracts;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.Common;

/// <summary>How the module's entities become what clients see.</summary>
public static class WebhookMapping
{
    public static WebhookEndpointDetails Details(this WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookEndpointDetails
        {
            Id = endpoint.Id,
            Url = endpoint.Url,
            EventTypes = endpoint.EventTypes,
            Description = endpoint.Description,
            Disabled = endpoint.DisabledAt is not null,
            DisabledReason = endpoint.DisabledReason,
            FailingSince = endpoint.FailingSince,
            CreatedAt = endpoint.CreatedAt,
        };
    }

    public static WebhookEndpointSecret WithSecret(this WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookEndpointSecret
        {
            Id = endpoint.Id,
            Url = endpoint.Url,
            EventTypes = endpoint.EventTypes,
            Description = endpoint.Description,
            Secret = endpoint.Secret,
            Disabled = endpoint.DisabledAt is not null,
            CreatedAt = endpoint.CreatedAt,
        };
    }

    public static WebhookDeliveryDetails Details(this WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new WebhookDeliveryDetails
        {
            EndpointId = delivery.EndpointId,
            Status = delivery.Status,
            NextAttemptAt = delivery.Status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            Attempts = [.. delivery.Attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptDetails
            {
                Number = a.Number, At = a.At, StatusCode = a.StatusCode, DurationMs = a.DurationMs, ResponseExcerpt = a.ResponseExcerpt, Error = a.Error,
            })],
        };
    }
}
