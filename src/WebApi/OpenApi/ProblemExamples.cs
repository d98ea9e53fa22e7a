using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Shield.Application.Payments.Common;
using Shield.Application.Refunds.Common;
using Shield.Application.Webhooks.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.Infrastructure.Webhooks;
using Shield.WebApi.Auth;
using Shield.WebApi.Controllers;
using Shield.WebApi.Errors;

namespace Shield.WebApi.OpenApi;

/// <summary>
/// One example body per problem code, as the API writes it: the type and title from the same problem factory the API
/// uses, and the detail from the same factories and constants that produce the real answer, so an example cannot say
/// what the API does not.
/// </summary>
internal static class ProblemExamples
{
    private static readonly PaymentId ExamplePayment = new(Guid.Parse("01a21a5e-fd60-76d5-a443-292abcf6f093"));

    private static readonly RefundId ExampleRefund = new(Guid.Parse("01a21a60-2b14-7c3e-9d55-6f0b3a1c2e47"));

    public static JsonObject For(IServiceProvider services, int status, string code, string path)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var framework = services.GetRequiredService<ProblemDetailsFactory>().CreateProblemDetails(http, status);
        var (detail, extras) = Describe(code);
        var example = new JsonObject { ["type"] = framework.Type, ["title"] = framework.Title, ["status"] = status };
        if (detail is not null)
        {
            example["detail"] = detail;
        }

        example["instance"] = "/" + path.Replace("{id}", ExamplePayment.Value.ToString(), StringComparison.Ordinal);
        example["code"] = code;
        example["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        foreach (var (name, value) in extras)
        {
            example[name] = value;
        }

        return example;
    }

    /// <summary>The detail (none for an unexpected failure: the API says nothing about its cause) and extra members.</summary>
    private static (string? Detail, Dictionary<string, JsonNode> Extras) Describe(string code) => code switch
    {
        ProblemCodes.ValidationFailed => ("Check amount.", Errors("amount", "amount must be a whole number, not a string.")),
        ProblemCodes.InvalidJson => ("The body is empty: send a JSON object.", []),
        ProblemCodes.UnknownField => ("Check currencyCode.", Errors("currencyCode",
            "Shield does not read a field named 'currencyCode': it is refused rather than ignored. The fields are phoneNumber, amount, accountReference, description, currency.")),
        "unauthorized" => (ApiKeyAuthenticationHandler.UnauthorizedDetail, []),
        "payment_not_found" => (PaymentErrors.NotFound(ExamplePayment).Message, []),
        "not_found" => (ProblemCodes.DetailForStatus(StatusCodes.Status404NotFound, "POST")!, []),
        "subscriber_busy" => (PaymentErrors.SubscriberBusy().Message, []),
        "idempotency_key_in_use" => (PaymentErrors.IdempotencyKeyInUse().Message, []),
        "idempotency_key_reused" => (PaymentErrors.IdempotencyKeyReused(["amount"]).Message, new() { ["fields"] = new JsonArray("amount") }),
        "payment_not_retriable" => (PaymentErrors.NotRetriable(PaymentStatus.Completed).Message, []),
        "too_many_attempts" => (PaymentErrors.TooManyAttempts(new PaymentOptions().MaxAttempts).Message, []),
        "outcome_unknown_not_acknowledged" => ($"{PaymentErrors.OutcomeUnknownNotAcknowledged(1).Message} {Controllers.PaymentsController.AcknowledgeHint}", []),
        "nothing_to_verify" => (PaymentErrors.NothingToVerifyAfterRejection(1, "500.001.1001").Message, []),
        "payment_not_under_review" => (PaymentErrors.NotUnderReview().Message, []),
        "review_reason_changed" => (PaymentErrors.ReviewReasonChanged(ReviewReason.OutcomeUnknown, ReviewReason.DuplicateCharge).Message, []),
        "review_needs_decision" => (PaymentErrors.ReviewNeedsDecision(ReviewReason.AmountMismatch).Message, []),
        "payment_not_verifiable" => (PaymentErrors.NotVerifiable(PaymentStatus.Failed).Message, []),
        ProblemCodes.Conflict => (InfrastructureExceptionHandler.ConflictDetail, []),
        "payload_too_large" => ("Request body too large. The max request body size is 65536 bytes.", []),
        "unsupported_media_type" => (ProblemCodes.DetailForStatus(StatusCodes.Status415UnsupportedMediaType, "POST")!, []),
        "too_many_requests" => (ClientRateLimiting.RejectedDetail, []),
        "too_many_pushes" => (PushLimits.TooManyPushes(TimeSpan.FromMinutes(10)).Message, []),
        "mpesa_push_rejected" => (MpesaErrors.PushRejected(Rejection, FailureCatalogue.ForPushRejection(Rejection)).Message, WithPayment()),
        "mpesa_verification_rejected" => (MpesaErrors.VerificationRejected("400.002.02", "Bad Request - Invalid Initiator").Message, []),
        "mpesa_unavailable" => (MpesaErrors.NoAnswer(NoAnswerReason.Unreachable).Message, WithPayment()),
        "mpesa_timeout" => (MpesaErrors.NoAnswer(NoAnswerReason.TimedOut).Message, WithPayment()),
        "push_answer_not_recorded" => (MpesaErrors.AnswerNotRecorded().Message, WithPayment()),
        ProblemCodes.DatabaseUnavailable => (InfrastructureExceptionHandler.DatabaseUnavailableDetail, []),
        ProblemCodes.MalformedCallback => (DarajaCallbacksController.MalformedDetail, []),
        ProblemCodes.CallbackSourceNotAllowed => (DarajaCallbacksController.SourceRejectedDetail, []),
        "refund_not_found" => (RefundErrors.NotFound(ExampleRefund).Message, []),
        "payment_not_refundable" => (RefundErrors.PaymentNotRefundable(nameof(PaymentStatus.Failed)).Message, []),
        "refund_exceeds_payment" => (RefundErrors.ExceedsPayment(150, 100).Message, []),
        "partial_refund_not_allowed" => (RefundErrors.PartialNotAllowed(50, 100).Message, []),
        "refund_in_progress" => (RefundErrors.InProgress().Message, []),
        "refunds_disabled" => (RefundErrors.Disabled().Message, []),
        "refund_limit_reached" => (RefundErrors.DailyLimitReached(new RefundOptions().MaxPerClientPerDay, 3600).Message, []),
        "refund_not_settleable" => (RefundErrors.NotSettleable(RefundStatus.Succeeded).Message, []),
        "webhook_endpoint_not_found" => (WebhookErrors.EndpointNotFound(ExamplePayment.Value).Message, []),
        "event_not_found" => (WebhookErrors.EventNotFound(ExamplePayment.Value).Message, []),
        "too_many_webhook_endpoints" => (WebhookErrors.TooManyEndpoints(new WebhookOptions().MaxEndpointsPerClient).Message, []),
        "webhook_endpoint_disabled" => (WebhookErrors.EndpointDisabled(ExamplePayment.Value).Message, []),
        _ when WebhookUrlRefusals.ExampleFor(code) is { } refused => (refused, Errors("url", refused)),
        ProblemCodes.Internal => (null, []),
        _ => throw new InvalidOperationException($"The OpenAPI document lists problem code {code}, which has no example: add one here."),
    };

    private static readonly PushRejection Rejection =
        new("500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber");

    private static Dictionary<string, JsonNode> Errors(string field, string message) =>
        new() { ["errors"] = new JsonObject { [field] = new JsonArray(message) } };

    private static Dictionary<string, JsonNode> WithPayment() => new() { ["paymentId"] = ExamplePayment.Value.ToString() };
}
