using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.ListPayments;
using Shield.Application.Payments.ResolveReview;
using Shield.Application.Payments.RetryPayment;
using Shield.Application.Payments.VerifyPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>Payments of the authenticated client app.</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1/payments")]
[Tags(OpenApiSetup.PaymentsTag)]
public sealed class PaymentsController(ISender sender) : ControllerBase
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Start a payment: the customer gets an M-Pesa PIN prompt.</summary>
    /// <remarks>
    /// The payment is stored (Pending, attempt 1 Sending) before Daraja is called, then Daraja's answer is recorded: 202
    /// with the payment and its Location; read it again (GET) for the outcome. With an Idempotency-Key, the
    /// same request again answers the first payment (header Idempotent-Replayed: true) and never prompts twice.
    /// </remarks>
    /// <param name="request">The payment to start.</param>
    /// <param name="idempotencyKey">1 to 255 printable ASCII characters you choose per payment (a UUID is fine), kept with the payment:
    /// the same key with the same body answers the first payment; with a different body, 422 idempotency_key_reused.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpPost]
    [EndpointName("createPayment")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Accepted: the customer has the prompt (or it is being sent).")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status409Conflict, "subscriber_busy", "idempotency_key_in_use")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests", "too_many_pushes")]
    [ProducesProblem(StatusCodes.Status502BadGateway, "mpesa_push_rejected")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "mpesa_unavailable", "database_unavailable", "push_answer_not_recorded")]
    [ProducesProblem(StatusCodes.Status504GatewayTimeout, "mpesa_timeout")]
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

    /// <summary>Retry a payment: a new attempt, a new PIN prompt.</summary>
    /// <remarks>
    /// For a Failed, Cancelled or Expired payment, up to Payments:MaxAttempts. A payment whose last prompt's outcome is
    /// unknown (failure code outcome_unknown: the customer may have paid) is retried only with
    /// {"acknowledgeOutcomeUnknown": true}. The body is optional.
    /// </remarks>
    [HttpPost("{id}/retry")]
    [EndpointName("retryPayment")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Accepted: the new attempt's prompt is with the customer.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "payment_not_retriable", "too_many_attempts", "outcome_unknown_not_acknowledged", "subscriber_busy", "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests", "too_many_pushes")]
    [ProducesProblem(StatusCodes.Status502BadGateway, "mpesa_push_rejected")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "mpesa_unavailable", "database_unavailable", "push_answer_not_recorded")]
    [ProducesProblem(StatusCodes.Status504GatewayTimeout, "mpesa_timeout")]
    public async Task<IActionResult> Retry(string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RetryPaymentRequest? request,
        CancellationToken cancellationToken) =>
        !TryPaymentId(id, out var paymentId)
            ? NotAPaymentId()
            : Accepted(WithRequestHint(await sender.Send(new RetryPaymentCommand(User.GetClientId(), paymentId, request?.AcknowledgeOutcomeUnknown ?? false),
                cancellationToken)));

    /// <summary>Verify a payment with Safaricom now.</summary>
    /// <remarks>
    /// STK Push Query for a payment without a receipt (its answer is applied at once); Transaction Status for a completed
    /// payment with a receipt (its answer arrives later and shows as the payment's verification).
    /// </remarks>
    [HttpPost("{id}/verify")]
    [EndpointName("verifyPayment")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Asked: the payment as it now stands.")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "nothing_to_verify", "payment_not_verifiable", "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status502BadGateway, "mpesa_verification_rejected")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "mpesa_unavailable", "database_unavailable")]
    [ProducesProblem(StatusCodes.Status504GatewayTimeout, "mpesa_timeout")]
    public async Task<IActionResult> Verify(string id, CancellationToken cancellationToken) =>
        !TryPaymentId(id, out var paymentId)
            ? NotAPaymentId()
            : Accepted(await sender.Send(new VerifyPaymentCommand(User.GetClientId(), paymentId), cancellationToken));

    /// <summary>Resolve a payment's review: record what was decided.</summary>
    /// <remarks>
    /// For a payment flagged for review: give the reviewReason you looked at and what was decided. The payment leaves
    /// the review queue; its status is not changed (a refund, or a retry, is its own request). The decision is kept as
    /// reviewResolution, and a payment.review_resolved event is published. A success that does not fit the payment
    /// (amount_mismatch, phone_mismatch, receipt_reused, push_answer_mismatch) is settled by a decision about the money,
    /// which Shield cannot record yet: resolving it is refused with review_needs_decision, and the payment stays held.
    /// </remarks>
    [HttpPost("{id}/review/resolve")]
    [EndpointName("resolvePaymentReview")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status200OK, "application/json", Description = "Resolved: the payment as it now stands.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "payment_not_under_review", "review_reason_changed", "review_needs_decision", "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> ResolveReview(string id, ResolveReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryPaymentId(id, out var paymentId))
        {
            return NotAPaymentId();
        }

        var clientId = User.GetClientId();
        var result = await sender.Send(new ResolveReviewCommand(clientId, paymentId, request.Reason, request.Note, $"client:{clientId}"), cancellationToken);
        return result.IsSuccess ? Ok(result.Value.Payment) : this.ToProblem(result.Error!);
    }

    /// <summary>List the client's payments, newest first.</summary>
    /// <remarks>Filters: status, phone number (any accepted form), account reference, creation dates (inclusive). Paged from 1.</remarks>
    [HttpGet]
    [EndpointName("listPayments")]
    [ProducesResponseType<PaymentPage>(StatusCodes.Status200OK, "application/json", Description = "One page of payments and how many match.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> List([FromQuery] ListPaymentsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ListPaymentsQuery(User.GetClientId(), request.Status, request.PhoneNumber, request.AccountReference,
            request.CreatedFrom, request.CreatedTo, request.Page ?? 1, request.PageSize ?? ListPaymentsQuery.DefaultPageSize);
        return Ok(await sender.Send(query, cancellationToken));
    }

    /// <summary>202 with the payment and its Location, or the problem its result carries.</summary>
    private IActionResult Accepted(Result<PaymentOutcome> result)
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

    /// <summary>Read one payment with its attempts.</summary>
    /// <remarks>Another client's payment, or an id that is not a payment's, is 404.</remarks>
    [HttpGet("{id}")]
    [EndpointName("getPayment")]
    [ProducesResponseType<PaymentDetails>(StatusCodes.Status200OK, "application/json", Description = "The payment as it now stands.")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
    {
        if (!TryPaymentId(id, out var paymentId))
        {
            return NotAPaymentId();
        }

        var result = await sender.Send(new GetPaymentQuery(User.GetClientId(), paymentId), cancellationToken);
        return result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error!);
    }

    /// <summary>The domain says what to confirm; the API says which field of the body confirms it.</summary>
    /// <summary>What the API adds to the domain's outcome-unknown refusal: the body field that confirms the retry.</summary>
    internal const string AcknowledgeHint = "Send {\"acknowledgeOutcomeUnknown\": true} in the retry's body to confirm.";

    private static Result<PaymentOutcome> WithRequestHint(Result<PaymentOutcome> result) =>
        result.Error is { Code: "outcome_unknown_not_acknowledged" } refused ? refused with { Message = $"{refused.Message} {AcknowledgeHint}" } : result;

    private static bool TryPaymentId(string id, out PaymentId paymentId)
    {
        var parsed = Guid.TryParse(id, out var value);
        paymentId = new PaymentId(value);
        return parsed;
    }

    /// <summary>The id in the path is not a GUID, so no payment has it: 404, saying what ids look like.</summary>
    private ObjectResult NotAPaymentId() => this.ToProblem(Error.NotFound("payment_not_found", NotAGuidDetail));

    public const string NotAGuidDetail = "No payment has this id: payment ids are GUIDs, as the id and the Location header of a created payment show them.";
}
