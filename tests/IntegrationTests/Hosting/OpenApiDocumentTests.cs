using System.Net;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// The OpenAPI document the host serves says what the API does (issue 12 §2): what a client generator reads from it
/// (types, names, security, statuses, codes) matches what the API sends. Spectral and a Kiota client check it again in
/// CI (tests/ContractTests/run.sh); these checks name each fact the generator depends on.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.Host host) : IClassFixture<OpenApiDocumentTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ShieldApp App { get; } = new();

        public JsonElement Document { get; private set; }

        public async Task InitializeAsync()
        {
            using var client = App.Anonymous();
            Document = JsonDocument.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative))).RootElement.Clone();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private static readonly string[] ClientOperations = ["createPayment", "listPayments", "getPayment", "retryPayment", "verifyPayment", "resolvePaymentReview"];

    private readonly JsonElement _document = host.Document;

    private JsonElement Schemas => _document.GetProperty("components").GetProperty("schemas");

    [Theory]
    [InlineData("PaymentStatus", "Pending", "Completed", "Failed", "Cancelled", "Expired")]
    [InlineData("AttemptStatus", "Sending", "AwaitingCustomer", "Succeeded", "Failed", "Cancelled", "Expired", "Rejected", "Unknown")]
    [InlineData("ResultSource", "Callback", "Query", "Expiry")]
    [InlineData("VerificationStatus", "Requested", "Confirmed", "Mismatch", "Failed", "TimedOut")]
    [InlineData("RefundStatus", "Pending", "Succeeded", "Failed", "Unknown", "AwaitingApproval")]
    public void Enums_AreTheStringsTheApiSends(string name, params string[] values)
    {
        var schema = Schemas.GetProperty(name);

        Assert.Equal(values, schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.False(schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer");
    }

    [Fact]
    public async Task Enums_AreWrittenAsStringsInResponses()
    {
        using var client = host.App.Client();
        var payment = await client.CreatePaymentAsync(Phones.Next());

        using var raw = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/payments/{payment.Id}", UriKind.Relative)));
        Assert.Equal(JsonValueKind.String, raw.RootElement.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.String, raw.RootElement.GetProperty("attempts")[0].GetProperty("status").ValueKind);
    }

    [Fact]
    public void InitiateRequest_HasAnIntegerAmountAndOnlyTheRequiredFieldsRequired()
    {
        var schema = Schemas.GetProperty("InitiatePaymentRequest");

        Assert.Equal(["phoneNumber", "amount", "accountReference"], schema.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        var amount = schema.GetProperty("properties").GetProperty("amount");
        Assert.Equal("integer", amount.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, schema.GetProperty("properties").GetProperty("phoneNumber").GetProperty("type").ValueKind);
    }

    [Fact]
    public void Problem_HasTheFieldsClientsSwitchOn()
    {
        var properties = Schemas.GetProperty("ProblemResponse").GetProperty("properties");

        foreach (var field in new[] { "type", "title", "status", "detail", "code", "traceId", "errors", "paymentId", "fields" })
        {
            Assert.True(properties.TryGetProperty(field, out _), field);
        }

        Assert.Contains("code", Schemas.GetProperty("ProblemResponse").GetProperty("required").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void ClientOperations_DeclareTheApiKeySchemeAnd401And429_CallbacksDoNot()
    {
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var operations = Operations().ToDictionary(o => o.Id);
        Assert.Equal(ClientOperations.Order(), operations.Keys.Where(ClientOperations.Contains).Order());
        foreach (var id in ClientOperations)
        {
            var operation = operations[id].Operation;
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("ApiKey", out _), id);
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), id);
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out _), id);
        }

        foreach (var id in new[] { "receiveStkCallback", "receiveTransactionStatusResult" })
        {
            Assert.False(operations[id].Operation.TryGetProperty("security", out _), id);
        }
    }

    [Fact]
    public void Create_ListsEveryStatusItCanAnswerWithItsCodes()
    {
        var responses = Operation("createPayment").GetProperty("responses");

        foreach (var (status, code) in new[]
                 {
                     ("400", "validation_failed"), ("400", "invalid_json"), ("400", "unknown_field"), ("401", "unauthorized"),
                     ("409", "subscriber_busy"), ("409", "idempotency_key_in_use"), ("415", "unsupported_media_type"),
                     ("422", "idempotency_key_reused"), ("429", "too_many_requests"), ("502", "mpesa_push_rejected"),
                     ("503", "push_answer_not_recorded"), ("504", "mpesa_timeout"),
                 })
        {
            var response = responses.GetProperty(status);
            Assert.Contains($"`{code}`", response.GetProperty("description").GetString(), StringComparison.Ordinal);
            var media = response.GetProperty("content").GetProperty("application/problem+json");
            Assert.EndsWith("/ProblemResponse", media.GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
            var example = media.GetProperty("examples").GetProperty(code).GetProperty("value");
            Assert.Equal(code, example.GetProperty("code").GetString());
            Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), example.GetProperty("status").GetInt32());
        }
    }

    /// <summary>An example says what the API says: the same type, title and detail as a real answer with that code.</summary>
    [Fact]
    public async Task ProblemExamples_MatchRealAnswers()
    {
        using var client = host.App.Client();
        var phone = Phones.Next();
        await client.CreatePaymentAsync(phone);
        using var busy = await client.PostPaymentAsync(phone);
        using var unknown = await client.GetAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}", UriKind.Relative));
        using var anonymous = await host.App.Anonymous().GetAsync(new Uri("api/v1/payments", UriKind.Relative));

        foreach (var (operation, response) in new[] { ("createPayment", busy), ("getPayment", unknown), ("listPayments", anonymous) })
        {
            using var real = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var code = real.RootElement.GetProperty("code").GetString()!;
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var example = Operation(operation).GetProperty("responses").GetProperty(status).GetProperty("content")
                .GetProperty("application/problem+json").GetProperty("examples").GetProperty(code).GetProperty("value");
            foreach (var member in new[] { "type", "title", "status", "code" })
            {
                Assert.Equal(real.RootElement.GetProperty(member).GetRawText(), example.GetProperty(member).GetRawText());
            }

            if (code != "payment_not_found")
            {
                Assert.Equal(real.RootElement.GetProperty("detail").GetString(), example.GetProperty("detail").GetString());
            }
        }
    }

    [Fact]
    public void Operations_ListA500_AndTheHeadersClientsRead()
    {
        foreach (var (id, operation) in Operations())
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("500", out var failure), id);
            Assert.Contains("`internal_error`", failure.GetProperty("description").GetString(), StringComparison.Ordinal);
            foreach (var status in new[] { "409", "429", "503" })
            {
                if (responses.TryGetProperty(status, out var response))
                {
                    Assert.True(response.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{id} {status}");
                }
            }
        }

        var accepted = Operation("createPayment").GetProperty("responses").GetProperty("202").GetProperty("headers");
        Assert.True(accepted.TryGetProperty("Location", out _));
        Assert.True(accepted.TryGetProperty("Idempotent-Replayed", out _));
        Assert.True(Operation("createPayment").GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public void Parameters_AreDescribed_AndTheIdempotencyKeyBounded()
    {
        foreach (var (id, operation) in Operations().Where(o => o.Operation.TryGetProperty("parameters", out _)))
        {
            foreach (var parameter in operation.GetProperty("parameters").EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.TryGetProperty("description", out var d) ? d.GetString() : null),
                    $"{id} {parameter.GetProperty("name").GetString()}");
            }
        }

        var key = Operation("createPayment").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal(255, key.GetProperty("schema").GetProperty("maxLength").GetInt32());
    }

    /// <summary>Responses always carry every member (null when it has no value), so the document requires them all.</summary>
    [Fact]
    public void ResponseMembers_AreAllRequired_NullableWhereTheyCanBeNull()
    {
        var payment = Schemas.GetProperty("PaymentDetails");
        var required = payment.GetProperty("required").EnumerateArray().Select(v => v.GetString()!).ToHashSet();
        Assert.Equal(payment.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(), required);
        Assert.Contains("mpesaReceiptNumber", required);
        var attempt = Schemas.GetProperty("AttemptDetails");
        Assert.Contains("checkoutRequestId", attempt.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("null", attempt.GetProperty("properties").GetProperty("checkoutRequestId").GetProperty("type").EnumerateArray().Select(v => v.GetString()));
    }

    /// <summary>Outside Development the demo key is nowhere: not in the document, not in /docs.</summary>
    [Fact]
    public async Task OutsideDevelopment_NeitherTheDocumentNorDocsNameTheDemoKey()
    {
        await using var staging = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:Environment"] = "Simulator",
            ["Mpesa:ConsumerKey"] = "staging-consumer-key",
            ["Mpesa:ConsumerSecret"] = "staging-consumer-secret",
            ["Mpesa:BusinessShortCode"] = "174379",
            ["Mpesa:Passkey"] = "staging-passkey-0001",
            ["Mpesa:CallbackSecret"] = "staging-callback-secret-0001",
            ["ApiClients:0:Id"] = "staging",
            ["ApiClients:0:KeyHash"] = "1f6a0e2b1f6a0e2b1f6a0e2b1f6a0e2b1f6a0e2b1f6a0e2b1f6a0e2b1f6a0e2b",
        }) { EnvironmentName = "Staging" };
        using var client = staging.Anonymous();

        var document = await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        var docs = await client.GetStringAsync(new Uri("docs/", UriKind.Relative));

        Assert.DoesNotContain(ShieldApp.ApiKey, document, StringComparison.Ordinal);
        Assert.DoesNotContain(ShieldApp.ApiKey, docs, StringComparison.Ordinal);
        Assert.Contains("\"preferredSecurityScheme\":[\"ApiKey\"]", docs, StringComparison.Ordinal);
    }

    /// <summary>What the API really answered, status and code, is listed under the operation in the document.</summary>
    [Fact]
    public async Task RealRefusals_AreListedUnderTheirOperation()
    {
        using var client = host.App.Client();
        using var anonymous = host.App.Anonymous();
        var created = await client.CreatePaymentAsync(Phones.Next());
        await client.WaitForAsync(created.Id);
        var cases = new (string Operation, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("createPayment", () => client.PostAsync(new Uri("api/v1/payments", UriKind.Relative), Json("""{"amount":"1"}"""))),
            ("createPayment", () => client.PostAsync(new Uri("api/v1/payments", UriKind.Relative), Json("{"))),
            ("createPayment", () => client.PostAsync(new Uri("api/v1/payments", UriKind.Relative), new StringContent("x", null, "text/plain"))),
            ("createPayment", () => anonymous.PostAsync(new Uri("api/v1/payments", UriKind.Relative), Json("{}"))),
            ("listPayments", () => client.GetAsync(new Uri("api/v1/payments?status=Paid", UriKind.Relative))),
            ("getPayment", () => client.GetAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}", UriKind.Relative))),
            ("getPayment", () => client.GetAsync(new Uri("api/v1/payments/not-an-id", UriKind.Relative))),
            ("retryPayment", () => client.PostAsync(new Uri($"api/v1/payments/{created.Id}/retry", UriKind.Relative), null)),
            ("verifyPayment", () => client.PostAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}/verify", UriKind.Relative), null)),
        };

        foreach (var (operation, send) in cases)
        {
            using var response = await send();
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var code = problem.RootElement.GetProperty("code").GetString();
            Assert.True(Operation(operation).GetProperty("responses").TryGetProperty(status, out var documented), $"{operation} {status} {code}");
            Assert.Contains($"`{code}`", documented.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Document_HasATitleQuickStartContactAndPaymentsBeforeCallbacks()
    {
        var info = _document.GetProperty("info");
        Assert.Equal("Shield Payments API", info.GetProperty("title").GetString());
        Assert.Contains("Quick start", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Shield Payments team", info.GetProperty("contact").GetProperty("name").GetString());

        Assert.Equal(["Payments", "Refunds", "Webhooks and events", "Safaricom callbacks"], _document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.StartsWith("/api/v1/payments", _document.GetProperty("paths").EnumerateObject().First().Name, StringComparison.Ordinal);
        Assert.All(_document.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
    }

    [Fact]
    public void EveryRequestAndSuccessBody_HasAnExample()
    {
        foreach (var name in new[] { "InitiatePaymentRequest", "RetryPaymentRequest", "PaymentDetails", "PaymentPage", "CallbackAcknowledgement", "ProblemResponse" })
        {
            var examples = Schemas.GetProperty(name).GetProperty("examples");
            Assert.True(examples.GetArrayLength() > 0, name);
        }

        var initiate = Schemas.GetProperty("InitiatePaymentRequest").GetProperty("examples")[0];
        Assert.Equal(JsonValueKind.Number, initiate.GetProperty("amount").ValueKind);
        foreach (var callback in new[] { "receiveStkCallback", "receiveTransactionStatusResult" })
        {
            var body = Operation(callback).GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.Equal(JsonValueKind.Object, body.GetProperty("example").ValueKind);
        }
    }

    [Fact]
    public void PaymentIds_AreUuids_AndListFiltersAreCamelCase()
    {
        var id = Operation("getPayment").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "id");
        Assert.Equal("uuid", id.GetProperty("schema").GetProperty("format").GetString());

        var names = Operation("listPayments").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["status", "phoneNumber", "accountReference", "createdFrom", "createdTo", "page", "pageSize"], names);
    }

    /// <summary>In Development, /docs has the demo key and prefers its scheme, so "Test Request" is not a 401.</summary>
    [Fact]
    public async Task Docs_InDevelopment_ArePrefilledWithTheDemoKey()
    {
        using var client = host.App.Anonymous();

        using var docs = await client.GetAsync(new Uri("docs/", UriKind.Relative));
        var page = await docs.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("\"preferredSecurityScheme\":[\"ApiKey\"]", page, StringComparison.Ordinal);
        Assert.Contains("\"ApiKey\":{\"value\":\"shield-dev-key\"}", page, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private JsonElement Operation(string id) => Operations().Single(o => o.Id == id).Operation;

    private IEnumerable<(string Id, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("responses", out _)))
            .Select(m => (m.Value.GetProperty("operationId").GetString()!, m.Value));
}
