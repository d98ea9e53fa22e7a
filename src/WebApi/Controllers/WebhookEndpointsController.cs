using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.CreateWebhookEndpoint;
using Shield.Application.Webhooks.DeleteWebhookEndpoint;
using Shield.Application.Webhooks.GetWebhookEndpoint;
using Shield.Application.Webhooks.ListWebhookEndpoints;
using Shield.Application.Webhooks.RecoverWebhookEndpoint;
using Shield.Application.Webhooks.RotateWebhookSecret;
using Shield.Domain.Common;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>Where the authenticated client's events are posted, signed (Standard Webhooks v1).</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1/webhook-endpoints")]
[Tags(OpenApiSetup.WebhooksTag)]
public sealed class WebhookEndpointsController(ISender sender) : ControllerBase
{
    /// <summary>Register a webhook endpoint.</summary>
    /// <remarks>
    /// The answer carries the endpoint's signing secret (whsec_...), shown only now: keep it where the receiver can read
    /// it. Every event of the client (or those of eventTypes) is then posted to the URL, signed, at least once.
    /// </remarks>
    [HttpPost]
    [EndpointName("createWebhookEndpoint")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // the answer carries the secret
    [ProducesResponseType<WebhookEndpointSecret>(StatusCodes.Status201Created, "application/json", Description = "Created: the endpoint and its secret (shown once).")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field", "webhook_url_invalid", "webhook_url_not_https",
        "webhook_url_has_credentials", "webhook_url_not_resolvable", "webhook_url_not_allowed")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status409Conflict, "too_many_webhook_endpoints")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Create(CreateWebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await sender.Send(new CreateWebhookEndpointCommand(User.GetClientId(), request.Url, request.EventTypes, request.Description), cancellationToken);
        return result.IsSuccess ? CreatedAtAction(nameof(Get), new { id = result.Value.Id }, result.Value) : this.ToProblem(result.Error!);
    }

    /// <summary>List the client's webhook endpoints.</summary>
    /// <remarks>Oldest first, deleted ones left out; secrets are never listed (each is shown once, when made).</remarks>
    [HttpGet]
    [EndpointName("listWebhookEndpoints")]
    [ProducesResponseType<IReadOnlyList<WebhookEndpointDetails>>(StatusCodes.Status200OK, "application/json", Description = "The endpoints, oldest first (never their secrets).")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Ok(await sender.Send(new ListWebhookEndpointsQuery(User.GetClientId()), cancellationToken));

    /// <summary>Read one webhook endpoint.</summary>
    /// <remarks>Another client's endpoint is 404. A disabled one says why (disabledReason).</remarks>
    [HttpGet("{id:guid}")]
    [EndpointName("getWebhookEndpoint")]
    [ProducesResponseType<WebhookEndpointDetails>(StatusCodes.Status200OK, "application/json", Description = "The endpoint (never its secret).")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "webhook_endpoint_not_found")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await sender.Send(new GetWebhookEndpointQuery(User.GetClientId(), id), cancellationToken));

    /// <summary>Delete a webhook endpoint: nothing more is posted to it.</summary>
    /// <remarks>Its pending deliveries are given up as they fall due, unsent; its past deliveries stay readable in the events API.</remarks>
    [HttpDelete("{id:guid}")]
    [EndpointName("deleteWebhookEndpoint")]
    [ProducesResponseType(StatusCodes.Status204NoContent, Description = "Deleted.")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "webhook_endpoint_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DeleteWebhookEndpointCommand(User.GetClientId(), id), cancellationToken);
        return result.IsSuccess ? NoContent() : this.ToProblem(result.Error!);
    }

    /// <summary>Rotate the endpoint's signing secret.</summary>
    /// <remarks>
    /// The new secret is shown only now. For Webhooks:SecretRotationGrace (24 h by default) every delivery carries two
    /// signatures, the new secret's and the old one's, so the receiver can switch without missing an event.
    /// </remarks>
    [HttpPost("{id:guid}/rotate-secret")]
    [EndpointName("rotateWebhookSecret")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // the answer carries the secret
    [ProducesResponseType<WebhookEndpointSecret>(StatusCodes.Status200OK, "application/json", Description = "The endpoint and its new secret (shown once).")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "webhook_endpoint_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> RotateSecret(Guid id, CancellationToken cancellationToken) =>
        Answer(await sender.Send(new RotateWebhookSecretCommand(User.GetClientId(), id), cancellationToken));

    /// <summary>Recover an endpoint: enable it again and send every failed delivery since a time.</summary>
    /// <remarks>The deliveries go out again now, each payment's events in order, with their original webhook-id.</remarks>
    [HttpPost("{id:guid}/recover")]
    [EndpointName("recoverWebhookEndpoint")]
    [ProducesResponseType<RecoveryDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Accepted: how many deliveries are sent again.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "webhook_endpoint_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Recover(Guid id, RecoverWebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await sender.Send(new RecoverWebhookEndpointCommand(User.GetClientId(), id, request.Since), cancellationToken);
        return result.IsSuccess ? Accepted(result.Value) : this.ToProblem(result.Error!);
    }

    private IActionResult Answer<T>(Result<T> result) => result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error!);
}
