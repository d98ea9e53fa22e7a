using System.Net;
using System.Text;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// What a client developer reads when a request is wrong (issue 12 §3): one problem shape, a stable code, words about
/// the field and what it takes, never a .NET type name or a JSON path.
/// </summary>
public sealed class RequestErrorTests(RequestErrorTests.Host host) : IClassFixture<RequestErrorTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ShieldApp App { get; } = new(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly HttpClient _client = host.App.Client();

    [Fact]
    public async Task PostPayment_MalformedJson_IsInvalidJsonSayingWhere()
    {
        using var response = await Post("""{"phoneNumber": "0708374149", "amount": 100, "accountReference": "INV-1" """);

        var problem = await Problem(response, HttpStatusCode.BadRequest, "invalid_json");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("line 1, position", detail, StringComparison.Ordinal);
        AssertReadable(problem);
    }

    [Theory]
    [InlineData("""{"phoneNumber":"0708374149","amount":"100","accountReference":"INV-1"}""", "amount", "amount must be a whole number, not a string.")]
    [InlineData("""{"phoneNumber":708374149,"amount":100,"accountReference":"INV-1"}""", "phoneNumber", "phoneNumber must be a string, not a number.")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10.5,"accountReference":"INV-1"}""", "amount", "amount must be a whole number, not a number with decimals.")]
    [InlineData("""{"phoneNumber":"0708374149","accountReference":"INV-1"}""", "amount", "amount is required.")]
    [InlineData("""{"phoneNumber":"0708374149","amount":100,"accountReference":null}""", "accountReference", "accountReference is required.")]
    [InlineData("""{"phoneNumber":"0708374149","amount":99999999999,"accountReference":"INV-1"}""", "amount", "amount must be a whole number, not a number that large.")]
    [InlineData("""{"phoneNumber":"0708374149","amount":1e2,"accountReference":"INV-1"}""", "amount", "amount must be a whole number, not a number in exponent form (write it in digits).")]
    public async Task PostPayment_FieldOfTheWrongKindOrMissing_NamesTheFieldAndWhatItTakes(string body, string field, string message)
    {
        using var response = await Post(body);

        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        AssertReadable(problem);
    }

    /// <summary>Once a 500 with a stack trace in the log: null for a field that is true or false.</summary>
    [Fact]
    public async Task Retry_NullForATrueOrFalseField_IsValidationFailedNamingIt()
    {
        using var response = await _client.PostAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}/retry", UriKind.Relative),
            new StringContent("""{"acknowledgeOutcomeUnknown":null}""", Encoding.UTF8, "application/json"));

        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["acknowledgeOutcomeUnknown must be true or false, not null (leave it out for the default)."],
            problem.GetProperty("errors").GetProperty("acknowledgeOutcomeUnknown").EnumerateArray().Select(e => e.GetString()));
        AssertReadable(problem);
    }

    /// <summary>Once a 400 whose detail was "Check ." and errors empty: Content-Length 0, and no body framing at all.</summary>
    [Theory]
    [InlineData("Content-Length: 0\r\n")]
    [InlineData("")]
    public async Task PostPayment_EmptyBody_IsInvalidJsonSayingTheBodyIsEmpty(string framing)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, host.App.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/v1/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {ShieldApp.ApiKey}\r\n"
            + $"Content-Type: application/json\r\n{framing}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        var json = answer[answer.IndexOf('{', StringComparison.Ordinal)..(answer.LastIndexOf('}') + 1)]; // the body may be chunked
        using var problem = JsonDocument.Parse(json);
        Assert.Equal("invalid_json", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("The body is empty: send a JSON object.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostPayment_FieldsShieldDoesNotRead_AreRefusedByName()
    {
        using var response = await Post("""{"phoneNumber":"0708374149","amount":100,"accountReference":"INV-1","currencyCode":"USD","callbackUrl":"x"}""");

        var problem = await Problem(response, HttpStatusCode.BadRequest, "unknown_field");
        var errors = problem.GetProperty("errors");
        Assert.Contains("'currencyCode'", errors.GetProperty("currencyCode")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("callbackUrl", out _));
    }

    [Fact]
    public async Task PostPayment_CurrencyOtherThanKes_IsRefusedAndKesIsAccepted()
    {
        using var usd = await Post($$"""{"phoneNumber":"{{Phones.Next()}}","amount":100,"accountReference":"INV-1","currency":"USD"}""");
        using var kes = await Post($$"""{"phoneNumber":"{{Phones.Next()}}","amount":100,"accountReference":"INV-1","currency":"KES"}""");

        var problem = await Problem(usd, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("KES", problem.GetProperty("errors").GetProperty("currency")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, kes.StatusCode);
    }

    // text/json was once read by MVC's lenient formatter: "100" taken as a number, unknown fields ignored. Only
    // application/json (and its +json forms) is read, and strictly.
    [Theory]
    [InlineData("application/x-www-form-urlencoded", "phoneNumber=0708374149&amount=100&accountReference=INV-1")]
    [InlineData("text/json", """{"phoneNumber":"0708374149","amount":"100","accountReference":"INV-1","currency":"USD"}""")]
    [InlineData("application/merge-patch+json", """{"phoneNumber":"0708374149","amount":100,"accountReference":"INV-1"}""")]
    public async Task PostPayment_NotApplicationJson_Is415SayingToSendJson(string contentType, string body)
    {
        using var response = await _client.PostAsync(new Uri("api/v1/payments", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, contentType));

        var problem = await Problem(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Paid", "status", "status must be one of Pending, Completed, Failed, Cancelled, Expired.")]
    [InlineData("status=1", "status", "status must be one of Pending, Completed, Failed, Cancelled, Expired.")]
    [InlineData("page=first", "page", "page must be a whole number.")]
    [InlineData("createdFrom=yesterday", "createdFrom", "createdFrom must be a date and time in ISO 8601 (a string such as \"2026-12-01T09:00:00Z\").")]
    public async Task ListPayments_QueryValueOfTheWrongKind_IsTheSameValidationProblem(string query, string field, string message)
    {
        using var response = await _client.GetAsync(new Uri($"api/v1/payments?{query}", UriKind.Relative));

        var problem = await Problem(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("GET", "api/v1/payments/not-a-guid")]
    [InlineData("POST", "api/v1/payments/12345/retry")]
    [InlineData("POST", "api/v1/payments/abc/verify")]
    public async Task PaymentIdThatIsNotAGuid_Is404SayingWhatIdsLookLike(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        var problem = await Problem(response, HttpStatusCode.NotFound, "payment_not_found");
        Assert.Contains("GUID", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_PointsToTheDocs()
    {
        using var response = await host.App.Anonymous().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/docs", index.RootElement.GetProperty("docs").GetString());
        Assert.Equal("/openapi/v1.json", index.RootElement.GetProperty("openApi").GetString());
    }

    [Fact]
    public async Task Verify_PaymentWhosePushDarajaRejected_IsNothingToVerifySayingSo()
    {
        using var rejected = await _client.PostPaymentAsync(Phones.Next("0500"));
        using var body = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("paymentId").GetGuid();

        using var response = await _client.PostAsync(new Uri($"api/v1/payments/{id}/verify", UriKind.Relative), null);

        var problem = await Problem(response, HttpStatusCode.Conflict, "nothing_to_verify");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("refused", detail, StringComparison.Ordinal);
        Assert.Contains("500.001.1001", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("lost", detail, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string json) =>
        _client.PostAsync(new Uri("api/v1/payments", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
        return problem;
    }

    /// <summary>No .NET type name, no JSON path, no framework wording.</summary>
    private static void AssertReadable(JsonElement problem)
    {
        var text = problem.GetRawText();
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"$\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("request field is required", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Shield.WebApi", text, StringComparison.Ordinal);
    }
}
