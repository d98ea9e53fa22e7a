using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Webhooks.StreamPaymentEvents;
using Shield.Domain.Common;
using Shield.WebApi.Auth;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>A payment's live status for apps: its events as Server-Sent Events, read from the stored events (any instance serves it).</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1/payments")]
[Tags(OpenApiSetup.WebhooksTag)]
public sealed class PaymentEventStreamController(ISender sender, TimeProvider clock) : ControllerBase
{
    public const int DefaultTimeoutSeconds = 120;
    public const int MaxTimeoutSeconds = 600;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Stream a payment's events (text/event-stream).</summary>
    /// <remarks>
    /// The payment's events so far, then each new one as it is committed: <c>id:</c> the event id, <c>event:</c> its
    /// type, <c>data:</c> its envelope (as a webhook posts it). Send Last-Event-ID to resume after that event. The
    /// stream ends once the payment has left Pending (after that event), or after timeout seconds; resumed after the last
    /// event of a payment that has its outcome, it is 204. A failed or expired payment can be retried: its new attempt's
    /// events come in a new stream (or in the webhooks).
    /// </remarks>
    /// <param name="id">The payment.</param>
    /// <param name="timeout">Seconds to keep the stream open, 1 to 600; 120 by default.</param>
    /// <param name="lastEventId">The id of the last event received: the stream resumes after it.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpGet("{id}/events")]
    [EndpointName("streamPaymentEvents")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/event-stream", Description = "The payment's events, then each new one.")]
    [ProducesResponseType(StatusCodes.Status204NoContent, Description = "Resumed after the last event of a payment that has its outcome: nothing more will come.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> Stream(string id, [FromQuery(Name = "timeout")] int? timeout, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var paymentId))
        {
            return this.ToProblem(Error.NotFound("payment_not_found", $"'{id}' is not a payment id: payment ids are UUIDs."));
        }

        if (timeout is < 1 or > MaxTimeoutSeconds)
        {
            return this.ToProblem(new Error(ProblemCodes.ValidationFailed, $"timeout is a whole number of seconds from 1 to {MaxTimeoutSeconds}.", ErrorType.Validation)
            {
                Fields = ["timeout"],
            });
        }

        var after = Guid.TryParse(lastEventId, out var last) ? last : (Guid?)null;
        var first = await sender.Send(new ListPaymentEventsQuery(User.GetClientId(), paymentId, after), cancellationToken);
        if (first.IsFailure)
        {
            return this.ToProblem(first.Error!);
        }

        // Resumed after the payment's last event, and it has its outcome: nothing will come. 204 tells an EventSource
        // not to reconnect (it reconnects after every stream that ends).
        if (first.Value.Count == 0 && after is not null
            && await sender.Send(new ListPaymentEventsQuery(User.GetClientId(), paymentId, null), cancellationToken) is { IsSuccess: true, Value: [.., var lastEvent] }
            && IsOutcome(lastEvent.Status))
        {
            return NoContent();
        }

        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache";
        Response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front passes each event on at once
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await Response.WriteAsync("retry: 3000\n\n", cancellationToken); // the headers go out now, and a dropped stream is resumed after 3 s
        await Response.Body.FlushAsync(cancellationToken);

        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(timeout ?? DefaultTimeoutSeconds);
        var quietSince = clock.GetUtcNow();
        var batch = first.Value;
        try
        {
            while (true)
            {
                foreach (var streamed in batch)
                {
                    await Response.WriteAsync($"id: {streamed.Id}\nevent: {streamed.Type}\ndata: {streamed.Body}\n\n", Encoding.UTF8, cancellationToken);
                    after = streamed.Id;
                }

                if (batch.Count > 0)
                {
                    await Response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                    if (IsOutcome(batch[^1].Status))
                    {
                        break; // the payment reached an outcome: its stream is complete
                    }
                }

                if (clock.GetUtcNow() >= deadline)
                {
                    break;
                }

                if (clock.GetUtcNow() - quietSince >= Heartbeat)
                {
                    await Response.WriteAsync(": still here\n\n", cancellationToken);
                    await Response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                }

                await Task.Delay(Poll, clock, cancellationToken);
                var next = await sender.Send(new ListPaymentEventsQuery(User.GetClientId(), paymentId, after), cancellationToken);
                batch = next.IsSuccess ? next.Value : [];
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the app went away: nothing to finish
        }

        return new EmptyResult();
    }

    /// <summary>Whether the payment has left Pending: its stream is complete (a retry of a failed payment is a new stream).</summary>
    private static bool IsOutcome(string status) => status is not ("Pending" or "");
}
