using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.GetEvent;
using Shield.Application.Webhooks.ListEvents;
using Shield.Application.Webhooks.RedeliverEvent;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>The client's events, for missed-event recovery: what happened, and where each delivery stands.</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1/events")]
[Tags(OpenApiSetup.WebhooksTag)]
public sealed class EventsController(ISender sender) : ControllerBase
{
    /// <summary>List the client's events, newest first.</summary>
    /// <remarks>Kept Webhooks:EventRetention (30 days by default). deliverySuccess=false lists the events an endpoint has not received.</remarks>
    [HttpGet]
    [EndpointName("listEvents")]
    [ProducesResponseType<EventPage>(StatusCodes.Status200OK, "application/json", Description = "One page of events and how many match.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> List([FromQuery] ListEventsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = new EventFilter(request.Type, request.PaymentId, request.DeliverySuccess, request.CreatedFrom, request.CreatedTo);
        return Ok(await sender.Send(new ListEventsQuery(User.GetClientId(), filter, request.Page ?? 1, request.PageSize ?? ListEventsQuery.DefaultPageSize),
            cancellationToken));
    }

    /// <summary>Read one event with every delivery attempt.</summary>
    /// <remarks>Each delivery (one per endpoint) with its attempts: status code, duration, the first 1 KB of the answer, or the error. Another client's event is 404.</remarks>
    [HttpGet("{id:guid}")]
    [EndpointName("getEvent")]
    [ProducesResponseType<EventDetails>(StatusCodes.Status200OK, "application/json", Description = "The event, its envelope's data, and its deliveries.")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "event_not_found")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetEventQuery(User.GetClientId(), id), cancellationToken);
        return result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error!);
    }

    /// <summary>Send an event again now.</summary>
    /// <remarks>To one endpoint (endpointId), or to every endpoint it was delivered to; same webhook-id, a new round of the retry schedule.</remarks>
    [HttpPost("{id:guid}/redeliver")]
    [EndpointName("redeliverEvent")]
    [ProducesResponseType<RedeliveryDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Accepted: the endpoints it is sent to again.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "event_not_found", "webhook_endpoint_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "webhook_endpoint_disabled", "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Redeliver(Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] RedeliverEventRequest? request,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RedeliverEventCommand(User.GetClientId(), id, request?.EndpointId), cancellationToken);
        return result.IsSuccess ? Accepted(result.Value) : this.ToProblem(result.Error!);
    }
}
