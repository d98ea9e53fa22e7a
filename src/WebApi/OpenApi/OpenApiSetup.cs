using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.ListPayments;
using Shield.Application.Webhooks.ListEvents;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;
using Shield.WebApi.Controllers;
using Shield.WebApi.Errors;

namespace Shield.WebApi.OpenApi;

/// <summary>
/// The OpenAPI document clients generate code from (<c>/openapi/v1.json</c>): string enums, the API key scheme on every
/// client operation, every status an operation can answer with the problem codes under it, examples for every request
/// and response, and tags in the order a newcomer needs them (Payments first, Safaricom's callbacks last).
/// Spectral's <c>spectral:oas</c> rules find nothing to warn about in it (CI checks).
/// </summary>
internal static class OpenApiSetup
{
    public const string ApiKeyScheme = "ApiKey";
    public const string PaymentsTag = "Payments";
    public const string RefundsTag = "Refunds";
    public const string WebhooksTag = "Webhooks and events";
    public const string CallbacksTag = "Safaricom callbacks";

    /// <summary>The demo client's key in appsettings.Development.json (its SHA-256 is there; Production refuses it).</summary>
    public const string DevelopmentApiKey = "shield-dev-key";

    private const string Overview = """
        Shield Payments collects M-Pesa payments through M-Pesa Express (STK Push): your app asks for a payment, the
        customer gets a PIN prompt on their phone, and Shield keeps a durable record of every payment and attempt.
        """;

    private const string QuickStartSteps = """
        1. `POST /api/v1/payments` with `X-Api-Key` and `{"phoneNumber":"0708374149","amount":100,"accountReference":"INV-1001"}`:
           `202 Accepted`, the payment `Pending`, and its `Location`.
        2. `GET /api/v1/payments/{id}` until `status` leaves `Pending`: `Completed` with an `mpesaReceiptNumber`, or
           `Failed`, `Cancelled` or `Expired` with a `failure` (a stable `code`, a `message` fit for the customer, and
           whether a retry can help).
        3. Send an `Idempotency-Key` with each new payment, so a retried request never prompts the customer twice.

        Every error is an RFC 9457 problem with a stable `code` (listed under each response) and a `traceId`.
        """;

    /// <summary>REFERENCE.md §3.2: a success callback as Safaricom posts it.</summary>
    private const string StkCallbackExample = """
        {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,
        "ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},
        {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}
        """;

    /// <summary>REFERENCE.md §5.3: a Transaction Status result as Safaricom posts it.</summary>
    private const string TransactionStatusExample = """
        {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
        "OriginatorConversationID":"1236-7134259-1","ConversationID":"AG_20210709_1234409f86436c583e3f","TransactionID":"NLJ7RT61SV",
        "ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"NLJ7RT61SV"},{"Key":"Amount","Value":1},
        {"Key":"TransactionStatus","Value":"Completed"}]}}}
        """;

    /// <summary>Response bodies whose every member is always present (RFC 9457 problems are not: they omit what does not apply).</summary>
    private static readonly HashSet<Type> AlwaysComplete =
    [
        typeof(PaymentDetails), typeof(AttemptDetails), typeof(FailureDetails), typeof(VerificationDetails), typeof(ReviewResolutionDetails), typeof(PaymentPage),
        typeof(CallbackAcknowledgement),
    ];

    public static IServiceCollection AddShieldOpenApi(this IServiceCollection services)
    {
        // The document describes JSON as the API writes it: enums as strings, numbers never as strings.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment());
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DescribeOperation(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // An enum used as a nullable property gets null among its values; the property already says
                // "null or this enum" (oneOf), so the enum itself lists only the strings the API sends.
                if (schema.Enum is { } values && values.Any(v => v is null))
                {
                    schema.Enum = [.. values.Where(v => v is not null)];
                }

                if (schema.Examples is not { Count: > 0 } && ExampleOf(context.JsonTypeInfo.Type, context.ApplicationServices) is { } example)
                {
                    schema.Examples = [example];
                }

                // Every member of a response is always written (null when it has no value): a generator must not
                // make a client treat a missing member as possible.
                if (AlwaysComplete.Contains(context.JsonTypeInfo.Type) && schema.Properties is { Count: > 0 } properties)
                {
                    schema.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
                }

                return Task.CompletedTask;
            });
        });
    }

    private static void Describe(OpenApiDocument document, bool development)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Shield Payments API",
            Version = "v1",
            Description = development
                ? $"{Overview}\n**Quick start** (Development: the built-in Daraja simulator and the demo key `{DevelopmentApiKey}`):\n\n{QuickStartSteps}"
                : $"{Overview}\n**Quick start** (with the API key your operator gave your app):\n\n{QuickStartSteps}",
            Contact = new OpenApiContact { Name = "Shield Payments team" },
        };
        // Client operations first: a reader (and /docs) starts with Payments, and Safaricom's callbacks come last.
        if (document.Paths is { } paths)
        {
            // Payments first, then webhooks and events, Safaricom's callbacks last.
            var ordered = paths.OrderBy(p => p.Key.Contains("/daraja/", StringComparison.Ordinal) ? 2 : p.Key.StartsWith("/api/v1/payments", StringComparison.Ordinal) && !p.Key.EndsWith("/events", StringComparison.Ordinal) ? 0 : 1).ToList();
            paths.Clear();
            foreach (var (path, item) in ordered)
            {
                paths.Add(path, item);
            }
        }

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = PaymentsTag, Description = "Start a payment (an M-Pesa PIN prompt), read it, list them, retry and verify." },
            new() { Name = RefundsTag, Description = "Refund a completed payment (an M-Pesa reversal), read refunds, and settle one whose outcome is unknown." },
            new() { Name = WebhooksTag, Description = "Signed webhooks (Standard Webhooks v1), the events API for missed events, and a payment's live event stream." },
            new() { Name = CallbacksTag, Description = "Called by Safaricom only, never by client apps: results posted to the URLs Shield gives Daraja." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = development
                ? $"Your app's API key (Shield stores only its SHA-256). In Development: `{DevelopmentApiKey}`."
                : "Your app's API key (Shield stores only its SHA-256).",
        };
    }

    private static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] }];
        }

        var route = context.Description.RelativePath ?? string.Empty;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            DescribeParameter(parameter, route);
        }

        var services = context.ApplicationServices;
        var path = context.Description.RelativePath ?? string.Empty;
        foreach (var problem in metadata.OfType<ProducesProblemAttribute>())
        {
            if (operation.Responses?.TryGetValue(problem.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) == true
                && response.Content?.TryGetValue(ProducesProblemAttribute.ContentType, out var media) == true)
            {
                media.Examples = problem.Codes.ToDictionary(code => code, code => (IOpenApiExample)new OpenApiExample
                {
                    Summary = code,
                    Value = ProblemExamples.For(services, problem.StatusCode, code, path),
                });
            }
        }

        // Anything can fail unexpectedly: a 500 problem, with the trace id that finds its log lines.
        operation.Responses ??= [];
        operation.Responses.TryAdd("500", new OpenApiResponse
        {
            Description = $"Problem codes: `{ProblemCodes.Internal}`. An unexpected failure: nothing is said about its cause; its traceId finds the log lines.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProducesProblemAttribute.ContentType] = new()
                {
                    Schema = new OpenApiSchemaReference(nameof(ProblemResponse), context.Document),
                    Examples = new Dictionary<string, IOpenApiExample>
                    {
                        [ProblemCodes.Internal] = new OpenApiExample
                        {
                            Summary = ProblemCodes.Internal,
                            Value = ProblemExamples.For(services, StatusCodes.Status500InternalServerError, ProblemCodes.Internal, path),
                        },
                    },
                },
            },
        });

        DescribeHeaders(operation, context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointNameAttribute>().FirstOrDefault()?.EndpointName);

        var callback = path switch
        {
            _ when path.Contains("stk-callback", StringComparison.Ordinal) => StkCallbackExample,
            _ when path.Contains("transaction-status", StringComparison.Ordinal) => TransactionStatusExample,
            _ => null,
        };
        if (callback is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "Safaricom's body, stored exactly as received (any content type) before it is read.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Daraja's notification (REFERENCE.md shapes)." },
                        Example = JsonNode.Parse(callback),
                    },
                },
            };
        }
    }

    /// <summary>What each parameter means and takes: the XML comments of record parameters do not reach the document.</summary>
    private static void DescribeParameter(OpenApiParameter parameter, string route)
    {
        var filters = route.StartsWith("api/v1/events", StringComparison.Ordinal) ? EventFilters
            : route.StartsWith("api/v1/refunds", StringComparison.Ordinal) ? RefundFilters
            : ListFilters;
        switch (parameter)
        {
            case { In: ParameterLocation.Path, Name: "id" } when route.StartsWith("api/v1/webhook-endpoints", StringComparison.Ordinal):
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                parameter.Description = "The webhook endpoint's id, as returned when it was created.";
                break;
            case { In: ParameterLocation.Path, Name: "id" } when route.StartsWith("api/v1/events", StringComparison.Ordinal):
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                parameter.Description = "The event's id: the webhook-id header of its deliveries.";
                break;
            case { In: ParameterLocation.Path, Name: "id" } when route.StartsWith("api/v1/refunds", StringComparison.Ordinal):
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                parameter.Description = "The refund's id, as returned when it was created.";
                break;
            case { In: ParameterLocation.Path, Name: "id" }:
                // A payment id is a UUID; the action takes any string only so that one that is not gets a 404 with a detail.
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                parameter.Description = "The payment's id, as returned when it was created.";
                break;
            case { In: ParameterLocation.Path, Name: "secret" }:
                parameter.Description = "Mpesa:CallbackSecret, in the URLs Shield gives Daraja: a request without it is 404 and never stored.";
                break;
            case { In: ParameterLocation.Path, Name: "kind" }:
                parameter.Description = "`result` (the ResultURL: Safaricom's answer) or `timeout` (the QueueTimeOutURL: the request timed out in its queue).";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["result", "timeout"] };
                break;
            case { In: ParameterLocation.Header, Name: PaymentsController.IdempotencyKeyHeader } when route.EndsWith("/refunds", StringComparison.Ordinal):
                parameter.Description = "1 to 255 printable ASCII characters you choose per refund: the same key with the same body answers the first refund "
                    + "(Idempotent-Replayed: true) and never sends a second reversal; with a different body, 422 `idempotency_key_reused`.";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = InitiatePaymentCommandValidator.MaxIdempotencyKeyLength };
                break;
            case { In: ParameterLocation.Header, Name: PaymentsController.IdempotencyKeyHeader }:
                parameter.Description = "1 to 255 printable ASCII characters you choose per payment (a UUID is fine), kept with the payment: the same key "
                    + "with the same body answers the first payment (Idempotent-Replayed: true) and never prompts twice; with a different body, 422 "
                    + "`idempotency_key_reused`.";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = InitiatePaymentCommandValidator.MaxIdempotencyKeyLength };
                break;
            case { In: ParameterLocation.Query, Name: { } name } when filters.TryGetValue(name, out var description):
                parameter.Description = description;
                break;
            case { In: ParameterLocation.Query, Name: "timeout" }:
                parameter.Description = $"Seconds to keep the stream open, 1 to {PaymentEventStreamController.MaxTimeoutSeconds} ({PaymentEventStreamController.DefaultTimeoutSeconds} by default).";
                break;
            case { In: ParameterLocation.Header, Name: "Last-Event-ID" }:
                parameter.Description = "The id of the last event received: the stream resumes after it.";
                break;
        }
    }

    private static readonly Dictionary<string, string> ListFilters = new(StringComparer.Ordinal)
    {
        ["status"] = "Only payments in this status.",
        ["phoneNumber"] = "Only payments to this phone, in any accepted form (0712345678, 712345678, 254712345678, +254712345678).",
        ["accountReference"] = "Only payments with exactly this account reference.",
        ["createdFrom"] = "Only payments created at or after this instant (ISO 8601, such as 2026-12-01T00:00:00Z).",
        ["createdTo"] = "Only payments created at or before this instant (ISO 8601).",
        ["page"] = "The page, from 1 (the default).",
        ["pageSize"] = $"Payments per page, 1 to {ListPaymentsQuery.MaxPageSize} ({ListPaymentsQuery.DefaultPageSize} by default).",
    };

    private static readonly Dictionary<string, string> RefundFilters = new(StringComparer.Ordinal)
    {
        ["paymentId"] = "Only this payment's refunds.",
        ["status"] = "Only refunds in this status (Pending, Succeeded, Failed, Unknown, AwaitingApproval: requested in the operator console and waiting for a second person's approval).",
        ["createdFrom"] = "Only refunds created at or after this instant (ISO 8601).",
        ["createdTo"] = "Only refunds created at or before this instant (ISO 8601).",
        ["page"] = "The page, from 1 (the default).",
        ["pageSize"] = $"Refunds per page, 1 to {Application.Refunds.ListRefunds.ListRefundsQuery.MaxPageSize} ({Application.Refunds.ListRefunds.ListRefundsQuery.DefaultPageSize} by default).",
    };

    private static readonly Dictionary<string, string> EventFilters = new(StringComparer.Ordinal)
    {
        ["type"] = "Only events of this type (payment.completed, refund.succeeded, ...).",
        ["paymentId"] = "Only this payment's events, and its refunds'.",
        ["deliverySuccess"] = "`false`: only events with a delivery not (yet) received; `true`: only events every endpoint received.",
        ["createdFrom"] = "Only events at or after this instant (ISO 8601).",
        ["createdTo"] = "Only events at or before this instant (ISO 8601).",
        ["page"] = "The page, from 1 (the default).",
        ["pageSize"] = $"Events per page, 1 to {ListEventsQuery.MaxPageSize} ({ListEventsQuery.DefaultPageSize} by default).",
    };

    /// <summary>The headers a client reads: where a new payment is, whether an answer was replayed, when to try again.</summary>
    private static void DescribeHeaders(OpenApiOperation operation, string? operationId)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described)
            {
                continue;
            }

            described.Headers ??= new Dictionary<string, IOpenApiHeader>();
            switch (status)
            {
                case "202" when operationId is "recoverWebhookEndpoint" or "redeliverEvent":
                    break; // accepted work, no new resource
                case "201":
                    described.Headers["Location"] = Header("The new resource's address.", JsonSchemaType.String, "uri");
                    break;
                case "202":
                    described.Headers["Location"] = Header("The payment's address (GET it for its outcome).", JsonSchemaType.String, "uri");
                    if (operationId == "createPayment")
                    {
                        described.Headers["Idempotent-Replayed"] = Header(
                            "`true` when this answers an earlier request with the same Idempotency-Key: no new payment, no new prompt.", JsonSchemaType.String);
                    }

                    break;
                case "409" or "429" or "503":
                    described.Headers["Retry-After"] = Header(
                        "Seconds to wait before trying again, when the problem says when (a phone busy with a prompt, a rate limit, a database outage).",
                        JsonSchemaType.Integer);
                    break;
            }
        }
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type, string? format = null) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type, Format = format } };

    /// <summary>An example of each request and response body, shaped as the API reads and writes it.</summary>
    private static JsonNode? ExampleOf(Type type, IServiceProvider services) => type switch
    {
        _ when type == typeof(InitiatePaymentRequest) => JsonNode.Parse(
            """{"phoneNumber":"0708374149","amount":100,"accountReference":"INV-1001","description":"Shield order"}"""),
        _ when type == typeof(RetryPaymentRequest) => JsonNode.Parse("""{"acknowledgeOutcomeUnknown":false}"""),
        _ when type == typeof(ResolveReviewRequest) => JsonNode.Parse("""{"reason":"duplicate_charge","note":"Refunded the second charge (receipt MS7T2RJDOR) by hand."}"""),
        _ when type == typeof(PaymentDetails) => Payment(),
        _ when type == typeof(PaymentPage) => new JsonObject { ["items"] = new JsonArray(Payment()), ["page"] = 1, ["pageSize"] = 20, ["totalCount"] = 1 },
        _ when type == typeof(CallbackAcknowledgement) => JsonNode.Parse("""{"ResultCode":0,"ResultDesc":"Accepted"}"""),
        _ when type == typeof(ProblemResponse) => ProblemExamples.For(services, StatusCodes.Status404NotFound, "payment_not_found", "api/v1/payments/{id}"),
        _ => null,
    };

    private static JsonNode Payment() => JsonNode.Parse("""
        {"id":"01a21a5e-fd60-76d5-a443-292abcf6f093","status":"Completed","amount":100,"currency":"KES","phoneNumber":"254708374149",
         "accountReference":"INV-1001","description":"Shield order","mpesaReceiptNumber":"MS7T2RJDOQ","failure":null,"reviewReason":null,
         "createdAt":"2026-11-27T00:19:22.59+00:00","updatedAt":"2026-11-27T00:19:25.12+00:00","completedAt":"2026-11-27T00:19:25.12+00:00",
         "reviewResolution":null,"verification":null,
         "attempts":[{"number":1,"status":"Succeeded","checkoutRequestId":"ws_CO_27112026031922952254708374149",
           "merchantRequestId":"c97c-8004-6db8-30bd1f4b5561504308","resultCode":"0","resultDescription":"The service request is processed successfully.",
           "receiptNumber":"MS7T2RJDOQ","resultSource":"Callback","createdAt":"2026-11-27T00:19:22.59+00:00","sentAt":"2026-11-27T00:19:23.01+00:00",
           "completedAt":"2026-11-27T00:19:25.12+00:00"}]}
        """)!;

}
