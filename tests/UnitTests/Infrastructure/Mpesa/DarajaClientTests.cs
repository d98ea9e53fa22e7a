using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>The STK Push and Query adapter against REFERENCE.md's request fields and answer samples.</summary>
public sealed class DarajaClientTests : IDisposable
{
    private readonly DarajaFixture _fixture = new();

    private ScriptedDaraja Daraja => _fixture.Daraja;

    public void Dispose() => _fixture.Dispose();

    private static StkPushRequest Push(string phone = "0708374149", int amount = 1) =>
        new(PaymentId.New(), 1, Msisdn.Parse(phone), new Amount(amount), AccountReference.Parse("INV-001"), Description.Parse("Shield plan"));

    private Task<StkPushOutcome> SendAsync(StkPushRequest? request = null) => _fixture.Client.SendStkPushAsync(request ?? Push(), CancellationToken.None);

    private void PushAnswers(params Func<HttpResponseMessage>[] answers) => Daraja.Api = ScriptedDaraja.InTurn(answers);

    [Fact]
    public async Task SendStkPushAsync_Body_HasExactlyTheDocumentedFields()
    {
        await SendAsync();

        using var body = JsonDocument.Parse(Assert.Single(Daraja.PushRequests).Body!);
        string[] documented = ["BusinessShortCode", "Password", "Timestamp", "TransactionType", "Amount", "PartyA", "PartyB", "PhoneNumber",
            "CallBackURL", "AccountReference", "TransactionDesc"];
        Assert.Equal(documented.Order(StringComparer.Ordinal), body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(body.RootElement.EnumerateObject().Where(p => p.Name != "Amount"), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    [Fact]
    public async Task SendStkPushAsync_Body_CarriesPaymentAndConfiguration()
    {
        await SendAsync(Push(phone: "0708 374 149", amount: 150));

        using var document = JsonDocument.Parse(Assert.Single(Daraja.PushRequests).Body!);
        var body = document.RootElement;
        Assert.Equal("174379", body.GetProperty("BusinessShortCode").GetString());
        Assert.Equal("CustomerPayBillOnline", body.GetProperty("TransactionType").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("Amount").ValueKind);
        Assert.Equal("150", body.GetProperty("Amount").GetRawText());
        Assert.Equal("254708374149", body.GetProperty("PartyA").GetString());
        Assert.Equal("254708374149", body.GetProperty("PhoneNumber").GetString());
        Assert.Equal("174379", body.GetProperty("PartyB").GetString());
        Assert.Equal("INV-001", body.GetProperty("AccountReference").GetString());
        Assert.Equal("Shield plan", body.GetProperty("TransactionDesc").GetString());
        Assert.Equal("https://pay.example.test/api/v1/daraja/stk-callback/cb-secret-0123456789abcdef", body.GetProperty("CallBackURL").GetString());
    }

    [Fact]
    public async Task SendStkPushAsync_TillConfiguration_SendsTillAsPartyB()
    {
        using var fixture = new DarajaFixture(o =>
        {
            o.TransactionType = "CustomerBuyGoodsOnline";
            o.PartyB = "1850908";
        });

        await fixture.Client.SendStkPushAsync(Push(), CancellationToken.None);

        using var document = JsonDocument.Parse(Assert.Single(fixture.Daraja.PushRequests).Body!);
        Assert.Equal("1850908", document.RootElement.GetProperty("PartyB").GetString());
        Assert.Equal("174379", document.RootElement.GetProperty("BusinessShortCode").GetString());
        Assert.Equal("CustomerBuyGoodsOnline", document.RootElement.GetProperty("TransactionType").GetString());
    }

    [Fact]
    public async Task SendStkPushAsync_PasswordAndTimestamp_AreSafaricomsSampleAtTheSampleInstant()
    {
        await SendAsync();

        using var document = JsonDocument.Parse(Assert.Single(Daraja.PushRequests).Body!);
        var timestamp = document.RootElement.GetProperty("Timestamp").GetString();
        var password = document.RootElement.GetProperty("Password").GetString()!;
        Assert.Equal("20210628092408", timestamp);
        Assert.Equal("174379" + DarajaFixture.Passkey + timestamp, Encoding.UTF8.GetString(Convert.FromBase64String(password)));
        Assert.Equal("MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4", password);
    }

    [Fact]
    public async Task SendStkPushAsync_Timestamp_FollowsTheClockInEastAfricaTime()
    {
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 22, 15, 30, TimeSpan.Zero));

        await SendAsync();

        using var document = JsonDocument.Parse(Assert.Single(Daraja.PushRequests).Body!);
        var timestamp = document.RootElement.GetProperty("Timestamp").GetString();
        Assert.Equal("20270101011530", timestamp);
        Assert.EndsWith(timestamp, Encoding.UTF8.GetString(Convert.FromBase64String(document.RootElement.GetProperty("Password").GetString()!)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendStkPushAsync_Request_IsJsonPostWithBearerTokenToProcessRequest()
    {
        await SendAsync();

        var push = Assert.Single(Daraja.PushRequests);
        Assert.Equal(HttpMethod.Post, push.Method);
        Assert.Equal(new Uri("https://sandbox.example.test/mpesa/stkpush/v1/processrequest"), push.Uri);
        Assert.Equal("application/json", push.ContentType);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", "token-1"), push.Authorization);
    }

    [Fact]
    public async Task SendStkPushAsync_FirstCall_RequestsTokenWithBasicCredentials()
    {
        await SendAsync();

        var oauth = Assert.Single(Daraja.TokenRequests);
        Assert.Equal(HttpMethod.Get, oauth.Method);
        Assert.Equal("/oauth/v1/generate", oauth.Uri.AbsolutePath);
        Assert.Equal("?grant_type=client_credentials", oauth.Uri.Query);
        Assert.Equal("sandbox.example.test", oauth.Uri.Host);
        Assert.Equal("Basic", oauth.Authorization?.Scheme);
        Assert.Equal("consumer-key:consumer-secret", Encoding.UTF8.GetString(Convert.FromBase64String(oauth.Authorization!.Parameter!)));
        Assert.Null(oauth.Body);
        Assert.Equal(Daraja.TokenRequests[0], Daraja.Requests[0]);
    }

    [Fact]
    public async Task SendStkPushAsync_AcceptedAnswer_GivesDarajaIds()
    {
        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.Accepted("2654-4b64-97ff-b827b542881d3130", "ws_CO_1007202409152617172396192"), outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "400.002.02", "Bad Request - Invalid PhoneNumber")]
    [InlineData(HttpStatusCode.BadRequest, "400.002.02", "Bad Request - Invalid BusinessShortCode")]
    [InlineData(HttpStatusCode.InternalServerError, "500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber")]
    [InlineData(HttpStatusCode.InternalServerError, "500.001.1001", "Merchant does not exist")]
    [InlineData(HttpStatusCode.OK, "500.001.1001", "Wrong credentials")]
    public async Task SendStkPushAsync_ErrorBody_IsRejectedWithCodeAndMessageAndNotRetried(HttpStatusCode status, string errorCode, string errorMessage)
    {
        PushAnswers(() => ScriptedDaraja.Json(status,
            $$"""{"requestId": "1c5b-4ba8-815c-ac45c57a3db01495926", "errorCode": "{{errorCode}}", "errorMessage": "{{errorMessage}}"}"""));

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.Rejected(new PushRejection(errorCode, errorMessage)), outcome);
        Assert.Single(Daraja.PushRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_DarajaInternalServerError_IsNoAnswerAndNotRetried()
    {
        PushAnswers(() => ScriptedDaraja.Json(HttpStatusCode.InternalServerError,
            """{"requestId": "1c5b-4ba8", "errorCode": "500.003.1001", "errorMessage": "Internal Server Error"}"""));

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable), outcome);
        Assert.Single(Daraja.PushRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_NonZeroResponseCode_IsRejected()
    {
        PushAnswers(() => ScriptedDaraja.Json(HttpStatusCode.OK,
            """{"MerchantRequestID":"1","CheckoutRequestID":"","ResponseCode":"1","ResponseDescription":"Rejected"}"""));

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.Rejected(new PushRejection("1", "Rejected")), outcome);
    }

    public static TheoryData<string, Func<HttpResponseMessage>> NotDarajaAnswers => new()
    {
        { "HTML 200", () => ScriptedDaraja.Html(HttpStatusCode.OK) },
        { "HTML 502", () => ScriptedDaraja.Html(HttpStatusCode.BadGateway) },
        { "empty 200", () => ScriptedDaraja.Empty(HttpStatusCode.OK) },
        { "empty 500", () => ScriptedDaraja.Empty(HttpStatusCode.InternalServerError) },
        { "empty 503", () => ScriptedDaraja.Empty(HttpStatusCode.ServiceUnavailable) },
        { "SOAP fault", () => ScriptedDaraja.Json(HttpStatusCode.InternalServerError,
            """{"Envelope":{"Body":{"Fault":{"faultcode":"soap:Server","faultstring":"Execution of ServiceCallout failed"}}}}""") },
        { "truncated JSON", () => ScriptedDaraja.Json(HttpStatusCode.OK, """{"MerchantRequestID": "2654""") },
    };

    [Theory]
    [MemberData(nameof(NotDarajaAnswers))]
    public async Task SendStkPushAsync_AnswerThatIsNotDaraja_IsUnreachableAndNotRetried(string because, Func<HttpResponseMessage> answer)
    {
        PushAnswers(answer);

        var outcome = await SendAsync();

        Assert.True(outcome == new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable), because);
        Assert.Single(Daraja.PushRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_ConnectionFails_IsUnreachableAndNotRetried()
    {
        Daraja.Api = (_, _) => throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable), outcome);
        Assert.Single(Daraja.PushRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_Timeout_IsTimedOutAndNotRetried()
    {
        Daraja.Api = (_, _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.NoAnswer(NoAnswerReason.TimedOut), outcome);
        Assert.Single(Daraja.PushRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_CallerCancels_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        Daraja.Api = async (_, _) =>
        {
            await cancellation.CancelAsync();
            throw new TaskCanceledException();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Client.SendStkPushAsync(Push(), cancellation.Token));
    }

    [Fact]
    public async Task SendStkPushAsync_ManyPushes_ShareOneToken()
    {
        for (var i = 0; i < 20; i++)
        {
            await SendAsync();
        }

        Assert.Single(Daraja.TokenRequests);
        Assert.Equal(20, Daraja.PushRequests.Count);
        Assert.All(Daraja.PushRequests, p => Assert.Equal("token-1", p.Authorization?.Parameter));
    }

    [Fact]
    public async Task SendStkPushAsync_TwentyConcurrentFirstCalls_RequestOneToken()
    {
        var release = new TaskCompletionSource();
        var defaultToken = Daraja.Token;
        Daraja.Token = async n =>
        {
            await release.Task;
            return await defaultToken(n);
        };

        var pushes = Enumerable.Range(0, 20).Select(_ => SendAsync()).ToList();
        Assert.All(pushes, p => Assert.False(p.IsCompleted));
        release.SetResult();
        var outcomes = await Task.WhenAll(pushes);

        Assert.Single(Daraja.TokenRequests);
        Assert.Equal(20, Daraja.PushRequests.Count);
        Assert.All(outcomes, o => Assert.IsType<StkPushOutcome.Accepted>(o));
    }

    [Theory]
    [InlineData("3599")]
    [InlineData("\"3599\"")]
    public async Task SendStkPushAsync_ExpiresInStringOrNumber_TokenIsCachedForItsLifetime(string expiresIn)
    {
        Daraja.Token = n => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK, $$"""{ "access_token": "token-{{n}}", "expires_in": {{expiresIn}} }"""));

        await SendAsync();
        _fixture.Clock.Advance(TimeSpan.FromMinutes(50));
        await SendAsync();

        Assert.Single(Daraja.TokenRequests);
        Assert.All(Daraja.PushRequests, p => Assert.Equal("token-1", p.Authorization?.Parameter));
    }

    [Fact]
    public async Task SendStkPushAsync_ClockPassesExpiryMinusMargin_RequestsNewToken()
    {
        await SendAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(3600));
        await SendAsync();

        Assert.Equal(2, Daraja.TokenRequests.Count);
        Assert.Equal(["token-1", "token-2"], Daraja.PushRequests.Select(p => p.Authorization?.Parameter));
    }

    [Fact]
    public async Task SendStkPushAsync_ShortlyBeforeExpiry_RefreshesAhead()
    {
        await SendAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(3599 - 60));
        await SendAsync();

        Assert.Equal(2, Daraja.TokenRequests.Count);
    }

    public static TheoryData<string, Func<HttpResponseMessage>> InvalidTokenAnswers => new()
    {
        { "404.001.03", () => ScriptedDaraja.Json(HttpStatusCode.NotFound,
            """{"requestId":"11728-2929992-1","errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""") },
        { "HTTP 401 empty", () => ScriptedDaraja.Empty(HttpStatusCode.Unauthorized) },
        { "401.002.01", () => ScriptedDaraja.Json(HttpStatusCode.Unauthorized,
            """{"requestId":"1","errorCode":"401.002.01","errorMessage":"Error Occurred - Invalid Access Token - token-1"}""") },
    };

    [Theory]
    [MemberData(nameof(InvalidTokenAnswers))]
    public async Task SendStkPushAsync_TokenCalledInvalid_RenewsTokenAndResendsOnce(string because, Func<HttpResponseMessage> invalid)
    {
        PushAnswers(invalid, () => ScriptedDaraja.Json(HttpStatusCode.OK, ScriptedDaraja.AcceptedBody));

        var outcome = await SendAsync();

        Assert.IsType<StkPushOutcome.Accepted>(outcome);
        Assert.True(Daraja.TokenRequests.Count == 2, because);
        Assert.Equal(["token-1", "token-2"], Daraja.PushRequests.Select(p => p.Authorization?.Parameter));
    }

    [Theory]
    [MemberData(nameof(InvalidTokenAnswers))]
    public async Task SendStkPushAsync_TokenCalledInvalidTwice_DoesNotPushAThirdTime(string because, Func<HttpResponseMessage> invalid)
    {
        PushAnswers(invalid);

        var outcome = await SendAsync();

        Assert.True(Daraja.PushRequests.Count == 2, because);
        Assert.IsNotType<StkPushOutcome.Accepted>(outcome);
    }

    [Fact]
    public async Task SendStkPushAsync_AfterTokenWasRenewed_LaterPushesUseTheNewToken()
    {
        PushAnswers(InvalidAccessToken404, () => ScriptedDaraja.Json(HttpStatusCode.OK, ScriptedDaraja.AcceptedBody));

        await SendAsync();
        await SendAsync();

        Assert.Equal(["token-1", "token-2", "token-2"], Daraja.PushRequests.Select(p => p.Authorization?.Parameter));
    }

    private static HttpResponseMessage InvalidAccessToken404() => ScriptedDaraja.Json(HttpStatusCode.NotFound,
        """{"requestId":"11728-2929992-1","errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""");

    [Fact]
    public async Task SendStkPushAsync_OAuthRefusedWithEmptyBody_IsUnreachableWithoutPushing()
    {
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Empty(HttpStatusCode.BadRequest));

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable), outcome);
        Assert.Empty(Daraja.PushRequests);
        Assert.Single(Daraja.TokenRequests);
    }

    [Fact]
    public async Task SendStkPushAsync_OAuthRefusedWithErrorBody_IsUnreachableWithoutPushing()
    {
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest,
            """{ "requestId": "43301-58413611-1", "errorCode": "400.008.01", "errorMessage": "Invalid Authentication passed" }"""));

        var outcome = await SendAsync();

        Assert.Equal(new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable), outcome);
        Assert.Empty(Daraja.PushRequests);
    }

    [Fact]
    public async Task QueryStkPushAsync_Request_CarriesCheckoutRequestIdAndPassword()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK,
            """{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"22205-34066-1","CheckoutRequestID":"ws_CO_13012021093521236557","ResultCode":"0","ResultDesc":"The service request is processed successfully."}"""));

        await _fixture.Client.QueryStkPushAsync("ws_CO_13012021093521236557", CancellationToken.None);

        var query = Assert.Single(Daraja.QueryRequests);
        Assert.Equal(HttpMethod.Post, query.Method);
        Assert.Equal("Bearer", query.Authorization?.Scheme);
        using var document = JsonDocument.Parse(query.Body!);
        var body = document.RootElement;
        Assert.Equal(["BusinessShortCode", "CheckoutRequestID", "Password", "Timestamp"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("ws_CO_13012021093521236557", body.GetProperty("CheckoutRequestID").GetString());
        Assert.Equal("20210628092408", body.GetProperty("Timestamp").GetString());
        Assert.Equal("174379" + DarajaFixture.Passkey + "20210628092408",
            Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("Password").GetString()!)));
    }

    [Fact]
    public async Task QueryStkPushAsync_StillUnderProcessing4999_IsStillProcessing()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK,
            """{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"22205-34066-1","CheckoutRequestID":"ws_CO_13012021093521236557","ResultCode":"4999","ResultDesc":"The transaction is still under processing"}"""));

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_13012021093521236557", CancellationToken.None);

        Assert.IsType<StkQueryOutcome.StillProcessing>(outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "The transaction is being processed")]
    [InlineData(HttpStatusCode.InternalServerError, "")]
    [InlineData(HttpStatusCode.OK, "")]
    [InlineData(HttpStatusCode.InternalServerError, "The transaction does not Exist")]
    public async Task QueryStkPushAsync_BeingProcessedError_IsStillProcessing(HttpStatusCode status, string message)
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(status,
            $$"""{ "requestId": "ws_CO_20022018230142206", "errorCode": "500.001.1001", "errorMessage": "{{message}}" }"""));

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_20022018230142206", CancellationToken.None);

        Assert.IsType<StkQueryOutcome.StillProcessing>(outcome);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1032", "1032")]
    [InlineData("1037", "1037")]
    [InlineData("1037", "1037", true)]
    [InlineData("0", "0", true)]
    public async Task QueryStkPushAsync_KnownResult_GivesResultCodeAsString(string resultCode, string expected, bool asNumber = false)
    {
        var code = asNumber ? resultCode : $"\"{resultCode}\"";
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK,
            $$"""{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"15386-269505584-1","CheckoutRequestID":"ws_CO_07022023155508743714091304","ResultCode":{{code}},"ResultDesc":"The service request is processed successfully."}"""));

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_07022023155508743714091304", CancellationToken.None);

        var known = Assert.IsType<StkQueryOutcome.Known>(outcome);
        Assert.Equal(expected, known.ResultCode);
        Assert.Equal("The service request is processed successfully.", known.ResultDescription);
    }

    [Fact]
    public async Task QueryStkPushAsync_OtherError_IsNoAnswerNotFailure()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.InternalServerError,
            """{"requestId":"1","errorCode":"500.003.02","errorMessage":"System is busy. Please try again in few minutes."}"""));

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_1", CancellationToken.None);

        Assert.IsType<StkQueryOutcome.NoAnswer>(outcome);
    }

    [Fact]
    public async Task QueryStkPushAsync_HtmlAnswer_IsNoAnswer()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Html(HttpStatusCode.BadGateway));

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_1", CancellationToken.None);

        Assert.Equal(NoAnswerReason.Unreachable, Assert.IsType<StkQueryOutcome.NoAnswer>(outcome).Reason);
    }

    [Fact]
    public async Task QueryStkPushAsync_Timeout_IsTimedOut()
    {
        Daraja.Api = (_, _) => throw new TaskCanceledException("timeout", new TimeoutException());

        var outcome = await _fixture.Client.QueryStkPushAsync("ws_CO_1", CancellationToken.None);

        Assert.Equal(NoAnswerReason.TimedOut, Assert.IsType<StkQueryOutcome.NoAnswer>(outcome).Reason);
    }
}
