using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.ListPayments;
using Shield.WebApi.Auth;
using Shield.WebApi.Contracts;

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
    public const string CallbacksTag = "Safaricom callbacks";

    /// <summary>The demo client's key in appsettings.Development.json (its SHA-256 is there; Production refuses it).</summary>
    public const string DevelopmentApiKey = "shield-dev-key";

    private const string QuickStart = """
        Shield Payments collects M-Pesa payments through M-Pesa Express (STK Push): your app asks for a payment, the
        customer gets a PIN prompt on their phone, and Shield keeps a durable record of every payment and attempt.

        **Quick start** (Development: the built-in Daraja simulator and the demo key `shield-dev-key`):

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
                Describe(document);
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

                if (schema.Examples is not { Count: > 0 } && ExampleOf(context.JsonTypeInfo.Type) is { } example)
                {
                    schema.Examples = [example];
                }

                return Task.CompletedTask;
            });
        });
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Shield Payments API",
            Version = "v1",
            Description = QuickStart,
            Contact = new OpenApiContact { Name = "Shield Payments team", Url = new Uri("https://github.com/shield-ai/shield-payments") },
        };
        // Client operations first: a reader (and /docs) starts with Payments, and Safaricom's callbacks come last.
        if (document.Paths is { } paths)
        {
            var ordered = paths.OrderBy(p => p.Key.Contains("/daraja/", StringComparison.Ordinal)).ToList();
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
            new() { Name = CallbacksTag, Description = "Called by Safaricom only, never by client apps: results posted to the URLs Shield gives Daraja." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "Your app's API key (Shield stores only its SHA-256). In Development: `shield-dev-key`.",
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

        // A payment id is a UUID; the action takes any string only so that one that is not a UUID gets a 404 with a detail.
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Path, Name: "id" } id)
            {
                id.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                id.Description = "The payment's id, as returned when it was created.";
            }
        }

        foreach (var problem in metadata.OfType<ProducesProblemAttribute>())
        {
            if (operation.Responses?.TryGetValue(problem.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response.Content?.TryGetValue(ProducesProblemAttribute.ContentType, out var media) == true && problem.Codes.Count > 0)
            {
                media.Example = ProblemExample(problem.StatusCode, problem.Codes[0], context.Description.RelativePath ?? string.Empty);
            }
        }

        var callback = context.Description.RelativePath switch
        {
            { } path when path.Contains("stk-callback", StringComparison.Ordinal) => StkCallbackExample,
            { } path when path.Contains("transaction-status", StringComparison.Ordinal) => TransactionStatusExample,
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

    /// <summary>A problem as the API writes it, for one of the codes a response lists.</summary>
    private static JsonObject ProblemExample(int status, string code, string path) => new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110",
        ["title"] = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        ["status"] = status,
        ["detail"] = $"What went wrong and what to do ({code}).",
        ["instance"] = "/" + path.Replace("{id}", "01a21a5e-fd60-76d5-a443-292abcf6f093", StringComparison.Ordinal),
        ["code"] = code,
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };

    /// <summary>An example of each request and response body, shaped as the API reads and writes it.</summary>
    private static JsonNode? ExampleOf(Type type) => type switch
    {
        _ when type == typeof(InitiatePaymentRequest) => JsonNode.Parse(
            """{"phoneNumber":"0708374149","amount":100,"accountReference":"INV-1001","description":"Shield order"}"""),
        _ when type == typeof(RetryPaymentRequest) => JsonNode.Parse("""{"acknowledgeOutcomeUnknown":false}"""),
        _ when type == typeof(PaymentDetails) => Payment(),
        _ when type == typeof(PaymentPage) => new JsonObject { ["items"] = new JsonArray(Payment()), ["page"] = 1, ["pageSize"] = 20, ["totalCount"] = 1 },
        _ when type == typeof(CallbackAcknowledgement) => JsonNode.Parse("""{"ResultCode":0,"ResultDesc":"Accepted"}"""),
        _ when type == typeof(ProblemResponse) => ProblemExample(404, "payment_not_found", "api/v1/payments/{id}"),
        _ => null,
    };

    private static JsonNode Payment() => JsonNode.Parse("""
        {"id":"01a21a5e-fd60-76d5-a443-292abcf6f093","status":"Completed","amount":100,"currency":"KES","phoneNumber":"254708374149",
         "accountReference":"INV-1001","description":"Shield order","mpesaReceiptNumber":"MS7T2RJDOQ","failure":null,"reviewReason":null,
         "createdAt":"2026-11-27T00:19:22.59+00:00","updatedAt":"2026-11-27T00:19:25.12+00:00","completedAt":"2026-11-27T00:19:25.12+00:00",
         "verification":null,
         "attempts":[{"number":1,"status":"Succeeded","checkoutRequestId":"ws_CO_27112026031922952254708374149",
           "merchantRequestId":"c97c-8004-6db8-30bd1f4b5561504308","resultCode":"0","resultDescription":"The service request is processed successfully.",
           "receiptNumber":"MS7T2RJDOQ","resultSource":"Callback","createdAt":"2026-11-27T00:19:22.59+00:00","sentAt":"2026-11-27T00:19:23.01+00:00",
           "completedAt":"2026-11-27T00:19:25.12+00:00"}]}
        """)!;

}
