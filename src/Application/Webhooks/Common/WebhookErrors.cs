using Shield.Domain.Common;

namespace Shield.Application.Webhooks.Common;

/// <summary>The Webhooks module's refusals, with their stable codes.</summary>
public static class WebhookErrors
{
    public static Error EndpointNotFound(Guid id) => Error.NotFound("webhook_endpoint_not_found", $"No webhook endpoint {id} was found.");

    /// <summary>The same answer as GET on a payment that is not the client's.</summary>
    public static Error PaymentNotFound(Guid id) => Error.NotFound("payment_not_found", $"No payment {id} was found.");

    public static Error EventNotFound(Guid id) => Error.NotFound("event_not_found", $"No event {id} was found.");

    public static Error TooManyEndpoints(int max) =>
        Error.Conflict("too_many_webhook_endpoints", $"A client may have at most {max} webhook endpoints: delete one first.");

    public static Error EndpointDisabled(Guid id) =>
        Error.Conflict("webhook_endpoint_disabled", $"Webhook endpoint {id} is disabled: recover it first (POST /api/v1/webhook-endpoints/{id}/recover).");

    public static Error NotDeliveredTo(Guid eventId, Guid endpointId) =>
        Error.NotFound("webhook_endpoint_not_found", $"Event {eventId} has no delivery to a webhook endpoint {endpointId} of yours.");
}
