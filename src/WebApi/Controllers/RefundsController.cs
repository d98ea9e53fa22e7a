using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.GetRefund;
using Shield.Application.Refunds.ListRefunds;
using Shield.Application.Refunds.RequestRefund;
using Shield.Application.Refunds.SettleRefund;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Errors;
using Shield.WebApi.OpenApi;

namespace Shield.WebApi.Controllers;

/// <summary>Refunds of the authenticated client app's payments: M-Pesa reversals.</summary>
[ApiController]
[Authorize]
[EnableRateLimiting(ClientRateLimiting.Policy)]
[Route("api/v1")]
[Tags(OpenApiSetup.RefundsTag)]
public sealed class RefundsController(ISender sender) : ControllerBase
{
    /// <summary>Refund a completed payment: M-Pesa returns the money to the customer.</summary>
    /// <remarks>
    /// The refund is stored (Pending) before Daraja is called, then Daraja's answer is recorded: 202 with the refund and
    /// its Location; its outcome (Succeeded, Failed, or Unknown when the request may have been carried out without Shield
    /// learning so) arrives later, as refund.succeeded / refund.failed events. A refund is never sent twice: an Unknown one
    /// is verified with Safaricom, or settled by a person. amount defaults to the whole payment. With an Idempotency-Key,
    /// the same request again answers the first refund (header Idempotent-Replayed: true).
    /// </remarks>
    /// <param name="id">The payment.</param>
    /// <param name="request">The amount (optional) and the reason.</param>
    /// <param name="idempotencyKey">1 to 255 printable ASCII characters you choose per refund: the same key with the same body
    /// answers the first refund; with a different body, 422 idempotency_key_reused.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpPost("payments/{id}/refunds")]
    [EndpointName("createRefund")]
    [ProducesResponseType<RefundDetails>(StatusCodes.Status202Accepted, "application/json", Description = "Accepted: the refund as it now stands.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "payment_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "payment_not_refundable", "refund_exceeds_payment", "partial_refund_not_allowed", "refund_in_progress",
        "refunds_disabled", "idempotency_key_in_use")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests", "refund_limit_reached")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Create(string id, CreateRefundRequest request,
        [FromHeader(Name = PaymentsController.IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Guid.TryParse(id, out var paymentId))
        {
            return this.ToProblem(Error.NotFound("payment_not_found", PaymentsController.NotAGuidDetail));
        }

        // As for payments: the header is read as sent (an empty key, or several, is a bad key, not an absent one).
        _ = idempotencyKey;
        var key = Request.Headers.TryGetValue(PaymentsController.IdempotencyKeyHeader, out var keys) ? string.Join('\n', keys.ToArray()) : null;
        var result = await sender.Send(new RequestRefundCommand(User.GetClientId(), new PaymentId(paymentId), request.Amount, request.Reason, key),
            cancellationToken);
        if (result.IsFailure)
        {
            return this.ToProblem(result.Error!);
        }

        if (result.Value.Replayed)
        {
            Response.Headers["Idempotent-Replayed"] = "true";
        }

        return AcceptedAtAction(nameof(Get), new { id = result.Value.Refund.Id }, result.Value.Refund);
    }

    /// <summary>Read one refund.</summary>
    /// <remarks>Another client's refund, or an id that is not a refund's, is 404.</remarks>
    [HttpGet("refunds/{id}")]
    [EndpointName("getRefund")]
    [ProducesResponseType<RefundDetails>(StatusCodes.Status200OK, "application/json", Description = "The refund as it now stands.")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "refund_not_found")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var refundId))
        {
            return NotARefundId();
        }

        var result = await sender.Send(new GetRefundQuery(User.GetClientId(), new RefundId(refundId)), cancellationToken);
        return result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error!);
    }

    /// <summary>List the client's refunds, newest first.</summary>
    /// <remarks>Filters: payment, status, creation dates (inclusive). Paged from 1.</remarks>
    [HttpGet("refunds")]
    [EndpointName("listRefunds")]
    [ProducesResponseType<RefundPage>(StatusCodes.Status200OK, "application/json", Description = "One page of refunds and how many match.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    public async Task<IActionResult> List([FromQuery] ListRefundsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ListRefundsQuery(User.GetClientId(), request.PaymentId, request.Status, request.CreatedFrom, request.CreatedTo, request.Page ?? 1,
            request.PageSize ?? ListRefundsQuery.DefaultPageSize);
        return Ok(await sender.Send(query, cancellationToken));
    }

    /// <summary>Settle a refund whose outcome is Unknown, from the business's M-Pesa statement.</summary>
    /// <remarks>
    /// For a refund Shield could not confirm (its status Unknown, reviewReason saying why): say whether the statement shows
    /// the reversal. Who settled it is recorded (settledBy), and refund.succeeded or refund.failed is published.
    /// </remarks>
    [HttpPost("refunds/{id}/settle")]
    [EndpointName("settleRefund")]
    [ProducesResponseType<RefundDetails>(StatusCodes.Status200OK, "application/json", Description = "Settled: the refund as it now stands.")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "validation_failed", "invalid_json", "unknown_field")]
    [ProducesProblem(StatusCodes.Status401Unauthorized, "unauthorized")]
    [ProducesProblem(StatusCodes.Status404NotFound, "refund_not_found")]
    [ProducesProblem(StatusCodes.Status409Conflict, "refund_not_settleable", "concurrency_conflict")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")]
    [ProducesProblem(StatusCodes.Status429TooManyRequests, "too_many_requests")]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable, "database_unavailable")]
    public async Task<IActionResult> Settle(string id, SettleRefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Guid.TryParse(id, out var refundId))
        {
            return NotARefundId();
        }

        var clientId = User.GetClientId();
        var result = await sender.Send(new SettleRefundCommand(clientId, new RefundId(refundId), request.Succeeded, request.ReversalReceiptNumber,
            request.Note, $"client:{clientId}"), cancellationToken);
        return result.IsSuccess ? Ok(result.Value.Refund) : this.ToProblem(result.Error!);
    }

    public const string NotAGuidDetail = "No refund has this id: refund ids are GUIDs, as the id and the Location header of a created refund show them.";

    private ObjectResult NotARefundId() => this.ToProblem(Error.NotFound("refund_not_found", NotAGuidDetail));
}
