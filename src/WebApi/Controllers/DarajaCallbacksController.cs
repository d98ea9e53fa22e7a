using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Common.Callbacks;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>
/// Safaricom's callbacks. They are unsigned: the secret path segment admits them, the raw body is stored before
/// it is read (whatever its content type), and the answer is always Daraja's acknowledgement unless the body is unreadable.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/daraja")]
[Tags(OpenApiSetup.CallbacksTag)]
public sealed class DarajaCallbacksController(ISender sender, CallbackSecretVerifier secrets, CallbackSourcePolicy sources) : ControllerBase
{
    public const int MaxCallbackBytes = 16 * 1024;

    /// <summary>Receive Safaricom's STK Push result (called by Safaricom only).</summary>
    /// <remarks>
    /// The CallBackURL Shield gives Daraja. The secret path segment admits it; the raw body is stored before it is read,
    /// and Daraja's acknowledgement is the answer unless the body is unreadable.
    /// </remarks>
    [HttpPost("stk-callback/{secret}")]
    [EndpointName("receiveStkCallback")]
    [RequestSizeLimit(MaxCallbackBytes)]
    [ProducesResponseType<CallbackAcknowledgement>(StatusCodes.Status200OK, "application/json", Description = "Accepted: stored, and applied or kept.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "malformed_callback")]
    [ProducesProblem(StatusCodes.Status403Forbidden, "callback_source_not_allowed")]
    [ProducesProblem(StatusCodes.Status404NotFound, "not_found")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public Task<IActionResult> StkCallback() => Receive(CallbackKind.StkCallback);

    /// <summary>Receive Safaricom's Transaction Status result or queue timeout (called by Safaricom only).</summary>
    /// <remarks>The ResultURL (kind result) and QueueTimeOutURL (kind timeout) Shield gives Daraja for verifications.</remarks>
    [HttpPost("transaction-status/{kind:regex(^(result|timeout)$)}/{secret}")]
    [EndpointName("receiveTransactionStatusResult")]
    [RequestSizeLimit(MaxCallbackBytes)]
    [ProducesResponseType<CallbackAcknowledgement>(StatusCodes.Status200OK, "application/json", Description = "Accepted: stored, and applied or kept.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "malformed_callback")]
    [ProducesProblem(StatusCodes.Status403Forbidden, "callback_source_not_allowed")]
    [ProducesProblem(StatusCodes.Status404NotFound, "not_found")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public Task<IActionResult> TransactionStatus() =>
        Receive(RouteValue("kind") == "timeout" ? CallbackKind.TransactionStatusTimeout : CallbackKind.TransactionStatusResult);

    /// <summary>Receive M-Pesa's result of a reversal (a refund), or a queue-timeout notice (called by Safaricom only).</summary>
    /// <remarks>
    /// The ResultURL (kind result) and QueueTimeOutURL (kind timeout) Shield gives Daraja for refunds. A timeout notice's
    /// shape was never published: any body, or none, is stored and read as "outcome unknown", never as a failure.
    /// </remarks>
    [HttpPost("reversal/{kind:regex(^(result|timeout)$)}/{secret}")]
    [EndpointName("receiveReversalResult")]
    [RequestSizeLimit(MaxCallbackBytes)]
    [ProducesResponseType<CallbackAcknowledgement>(StatusCodes.Status200OK, "application/json", Description = "Accepted: stored, and applied or kept.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "malformed_callback")]
    [ProducesProblem(StatusCodes.Status403Forbidden, "callback_source_not_allowed")]
    [ProducesProblem(StatusCodes.Status404NotFound, "not_found")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public Task<IActionResult> Reversal() => Receive(RouteValue("kind") == "timeout" ? CallbackKind.ReversalTimeout : CallbackKind.ReversalResult);

    /// <summary>Receive Transaction Status's answer about a reversal, or its queue timeout (called by Safaricom only).</summary>
    /// <remarks>The ResultURL and QueueTimeOutURL of the questions the reconciler asks about refunds it could not confirm.</remarks>
    [HttpPost("reversal-status/{kind:regex(^(result|timeout)$)}/{secret}")]
    [EndpointName("receiveReversalStatusResult")]
    [RequestSizeLimit(MaxCallbackBytes)]
    [ProducesResponseType<CallbackAcknowledgement>(StatusCodes.Status200OK, "application/json", Description = "Accepted: stored, and applied or kept.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "malformed_callback")]
    [ProducesProblem(StatusCodes.Status403Forbidden, "callback_source_not_allowed")]
    [ProducesProblem(StatusCodes.Status404NotFound, "not_found")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public Task<IActionResult> ReversalStatus() =>
        Receive(RouteValue("kind") == "timeout" ? CallbackKind.ReversalStatusTimeout : CallbackKind.ReversalStatusResult);

    /// <summary>Every callback alike: the secret admits it (else 404, nothing stored), its raw body is stored, its module applies it.</summary>
    private async Task<IActionResult> Receive(CallbackKind kind)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!secrets.Admits(HttpContext, RouteValue("secret")))
        {
            return this.ToProblem(new Error("not_found", "Not found.", ErrorType.NotFound));
        }

        var command = new RecordCallbackCommand(kind, await ReadBody(cancellationToken), RemoteAddress, AllowedSource);
        return Acknowledge(await sender.Send(command, cancellationToken));
    }

    private string? RemoteAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// Route values are read by hand: the actions bind no parameters, so model binding never runs and never reads the
    /// body as a form (Safaricom's content type is not trusted; the raw body is stored whatever it is).
    /// </summary>
    private string? RouteValue(string name) => RouteData.Values[name] as string;

    public const string MalformedDetail = "The body is not a notification Shield can read. It was stored as received.";

    public const string SourceRejectedDetail = "This address may not post callbacks (Mpesa:CallbackAllowedIps). The body was stored, not applied.";

    private bool AllowedSource => sources.Allows(HttpContext.Connection.RemoteIpAddress);

    private async Task<string> ReadBody(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private ObjectResult Acknowledge(RecordCallbackResponse response) => response.Outcome switch
    {
        CallbackOutcome.Malformed => this.ToProblem(new Error(ProblemCodes.MalformedCallback, MalformedDetail, ErrorType.Validation)),
        CallbackOutcome.SourceRejected => this.ToProblem(new Error(ProblemCodes.CallbackSourceNotAllowed, SourceRejectedDetail, ErrorType.Forbidden)),
        _ => Ok(CallbackAcknowledgement.Accepted),
    };
}
