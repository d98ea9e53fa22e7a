using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Domain.Callbacks;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;

namespace Shield.WebApi.Controllers;

/// <summary>
/// Safaricom's callbacks. They are unsigned: the secret path segment admits them, the raw body is stored before
/// it is read, and the answer is always Daraja's acknowledgement unless the body is unreadable.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/daraja")]
public sealed class DarajaCallbacksController(ISender sender, CallbackSecretVerifier secrets) : ControllerBase
{
    public const int MaxCallbackBytes = 16 * 1024;

    /// <summary>Safaricom's STK Push result for one push.</summary>
    [HttpPost("stk-callback/{secret}")]
    [RequestSizeLimit(MaxCallbackBytes)]
    [Consumes("application/json", "text/plain", "application/octet-stream", IsOptional = true)]
    [ProducesResponseType<CallbackAcknowledgement>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> StkCallback(string secret, CancellationToken cancellationToken)
    {
        if (!secrets.Matches(secret))
        {
            return this.ToProblem(new Domain.Common.Error("not_found", "Not found.", Domain.Common.ErrorType.NotFound));
        }

        using var reader = new StreamReader(Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var remoteAddress = HttpContext.Connection.RemoteIpAddress?.ToString();
        var response = await sender.Send(new RecordStkCallbackCommand(body, remoteAddress), cancellationToken);
        return response.Outcome == CallbackOutcome.Malformed
            ? this.ToProblem(new Domain.Common.Error(ProblemCodes.MalformedCallback,
                "The body is not an STK callback Shield can read. It was stored as received.", Domain.Common.ErrorType.Validation))
            : Ok(CallbackAcknowledgement.Accepted);
    }
}
