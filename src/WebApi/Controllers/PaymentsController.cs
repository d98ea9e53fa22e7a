using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.ListPayments;
using Shield.Application.Payments.RetryPayment;
using Shield.Application.Payments.VerifyPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;

namespace Shield.WebApi.Controllers;

/// <summary>Payments of the authenticated client app.</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1/payments")]
public sealed class PaymentsController(ISender sender) : ControllerBase
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Starts a payment: the customer gets an M-Pesa PIN prompt. Poll the payment (Location) for its outcome.</summary>
    [HttpPost]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status504GatewayTimeout, "application/problem+json")]
    public async Task<IActionResult> Initiate(InitiatePaymentRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The parameter documents the header in OpenAPI; the header is read as sent, because model binding turns an
        // empty key into none, and an empty key, or several, is a bad key (400), not an absent one.
        _ = idempotencyKey;
        var key = Request.Headers.TryGetValue(IdempotencyKeyHeader, out var keys) ? string.Join('\n', keys.ToArray()) : null;
        var command = new InitiatePaymentCommand(User.GetClientId(), request.PhoneNumber, request.Amount, request.AccountReference,
            request.Description, key, request.Currency);
        return Accepted(await sender.Send(command, cancellationToken));
    }

    /// <summary>
    /// A new attempt (a new PIN prompt) for a Failed, Cancelled or Expired payment, up to Payments:MaxAttempts. A payment
    /// whose last prompt's outcome is unknown (<c>outcome_unknown</c>) is retried only with <c>acknowledgeOutcomeUnknown: true</c>.
    /// </summary>
    [HttpPost("{id}/retry")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, "application/problem+json")]
    public async Task<IActionResult> Retry(string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RetryPaymentRequest? request,
        CancellationToken cancellationToken) =>
        !TryPaymentId(id, out var paymentId)
            ? NotAPaymentId()
            : Accepted(await sender.Send(new RetryPaymentCommand(User.GetClientId(), paymentId, request?.AcknowledgeOutcomeUnknown ?? false),
                cancellationToken));

    /// <summary>
    /// Asks Safaricom now: STK Push Query for a payment without a receipt; Transaction Status for a completed one, whose
    /// answer shows later as the payment's verification.
    /// </summary>
    [HttpPost("{id}/verify")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Verify(string id, CancellationToken cancellationToken) =>
        !TryPaymentId(id, out var paymentId)
            ? NotAPaymentId()
            : Accepted(await sender.Send(new VerifyPaymentCommand(User.GetClientId(), paymentId), cancellationToken));

    /// <summary>The client's payments, newest first, with filters and paging.</summary>
    [HttpGet]
    [ProducesResponseType<PaymentPage>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> List([FromQuery] ListPaymentsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ListPaymentsQuery(User.GetClientId(), request.Status, request.PhoneNumber, request.AccountReference,
            request.CreatedFrom, request.CreatedTo, request.Page ?? 1, request.PageSize ?? ListPaymentsQuery.DefaultPageSize);
        return Ok(await sender.Send(query, cancellationToken));
    }

    /// <summary>202 with the payment and its Location, or the problem its result carries.</summary>
    private IActionResult Accepted(Result<InitiatePaymentResponse> result)
    {
        if (result.IsFailure)
        {
            return this.ToProblem(result.Error!);
        }

        var (payment, error, replayed) = result.Value;
        if (replayed)
        {
            Response.Headers["Idempotent-Replayed"] = "true";
        }

        return error is null
            ? AcceptedAtAction(nameof(Get), new { id = payment.Id }, payment)
            : this.ToProblem(error, payment.Id);
    }

    /// <summary>One payment with its attempts.</summary>
    [HttpGet("{id}")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
    {
        if (!TryPaymentId(id, out var paymentId))
        {
            return NotAPaymentId();
        }

        var result = await sender.Send(new GetPaymentQuery(User.GetClientId(), paymentId), cancellationToken);
        return result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error!);
    }

    private static bool TryPaymentId(string id, out PaymentId paymentId)
    {
        var parsed = Guid.TryParse(id, out var value);
        paymentId = new PaymentId(value);
        return parsed;
    }

    /// <summary>The id in the path is not a GUID, so no payment has it: 404, saying what ids look like.</summary>
    private ObjectResult NotAPaymentId() => this.ToProblem(Error.NotFound("payment_not_found",
        "No payment has this id: payment ids are GUIDs, as the id and the Location header of a created payment show them."));
}
