using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>A client starts payments over HTTP; the simulator plays Daraja and the customer (by phone number).</summary>
public sealed class StkPushFlowTests(StkPushFlowTests.Host host) : IClassFixture<StkPushFlowTests.Host>, IAsyncLifetime
{
    public sealed class Host() : IAsyncLifetime
    {
        public ShieldApp App { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly HttpClient _client = host.App.Client();

    public Task InitializeAsync() => host.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PostPayment_ForPayingCustomer_AnswersAcceptedAndCompletesWithReceipt()
    {
        using var response = await _client.PostPaymentAsync(Phones.Msisdn(Phones.Next()), 150);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!;
        Assert.Equal(new Uri(host.App.BaseUrl, $"api/v1/payments/{created.Id}"), response.Headers.Location);
        Assert.Equal(PaymentStatus.Pending, created.Status);
        Assert.Equal(150, created.Amount);
        Assert.Equal("KES", created.Currency);
        var attempt = Assert.Single(created.Attempts);
        Assert.Equal(AttemptStatus.AwaitingCustomer, attempt.Status);
        Assert.StartsWith("ws_CO_", attempt.CheckoutRequestId, StringComparison.Ordinal);

        var settled = await _client.WaitForAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Matches("^[A-Z0-9]{10}$", settled.MpesaReceiptNumber);
        Assert.NotNull(settled.CompletedAt);
        Assert.Null(settled.Failure);
        var done = Assert.Single(settled.Attempts);
        Assert.Equal(AttemptStatus.Succeeded, done.Status);
        Assert.Equal("0", done.ResultCode);
        Assert.Equal(settled.MpesaReceiptNumber, done.ReceiptNumber);
    }

    [Fact]
    public async Task PostPayment_Json_IsCamelCaseWithEnumsAsStrings()
    {
        using var response = await _client.PostPaymentAsync(Phones.Next());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        foreach (var name in new[] { "id", "status", "amount", "currency", "phoneNumber", "accountReference", "description", "mpesaReceiptNumber", "failure", "createdAt", "completedAt", "attempts" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.Equal("Pending", root.GetProperty("status").GetString());
        var attempt = root.GetProperty("attempts")[0];
        foreach (var name in new[] { "number", "status", "checkoutRequestId", "merchantRequestId", "resultCode", "resultDescription", "createdAt", "sentAt", "completedAt" })
        {
            Assert.True(attempt.TryGetProperty(name, out _), $"attempt missing {name}");
        }
    }

    [Theory]
    [InlineData("1032", PaymentStatus.Cancelled, "cancelled_by_customer", "1032")]
    [InlineData("0001", PaymentStatus.Failed, "insufficient_funds", "1")]
    [InlineData("2001", PaymentStatus.Failed, "wrong_pin", "2001")]
    [InlineData("1037", PaymentStatus.Expired, "customer_unreachable", "1037")]
    [InlineData("1019", PaymentStatus.Expired, "transaction_expired", "1019")]
    public async Task PostPayment_WhenCustomerDoesNotPay_EndsWithStatusAndFailure(string scenario, PaymentStatus status, string code, string resultCode)
    {
        var created = await _client.CreatePaymentAsync(Phones.Next(scenario));

        var settled = await _client.WaitForAsync(created.Id);

        Assert.Equal(status, settled.Status);
        Assert.NotNull(settled.Failure);
        Assert.Equal(code, settled.Failure.Code);
        Assert.Equal(resultCode, settled.Failure.ResultCode);
        Assert.False(string.IsNullOrWhiteSpace(settled.Failure.Message));
        Assert.Null(settled.MpesaReceiptNumber);
        Assert.Equal(resultCode, Assert.Single(settled.Attempts).ResultCode);
    }

    [Fact]
    public async Task Callback_DeliveredTwice_CompletesOnceAndKeepsBoth()
    {
        var created = await _client.CreatePaymentAsync(Phones.Next("0002"));
        var settled = await _client.WaitForAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, settled.Status);

        var checkoutRequestId = settled.Attempts[0].CheckoutRequestId;
        var outcomes = await WaitForCallbacks(checkoutRequestId!, 2);

        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Duplicate], outcomes);
        var again = await _client.GetPaymentAsync(created.Id);
        Assert.Equal(settled.MpesaReceiptNumber, again.MpesaReceiptNumber);
        Assert.Equal(settled.CompletedAt, again.CompletedAt);
    }

    [Fact]
    public async Task PostPayment_WhenDarajaRejectsThePush_AnswersBadGatewayAndPaymentFails()
    {
        using var response = await _client.PostPaymentAsync(Phones.Next("0500"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("mpesa_push_rejected", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("Unable to lock subscriber", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var paymentId = problem.RootElement.GetProperty("paymentId").GetGuid();

        var payment = await _client.GetPaymentAsync(paymentId);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("subscriber_busy", payment.Failure!.Code);
        Assert.Equal("500.001.1001", payment.Failure.ResultCode);
        Assert.True(payment.Failure.Retriable);
        var attempt = Assert.Single(payment.Attempts);
        Assert.Equal(AttemptStatus.Rejected, attempt.Status);
        Assert.StartsWith("Unable to lock subscriber", attempt.ResultDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0{0}", "07")]
    [InlineData("{0}", "07")]
    [InlineData("+254{0}", "07")]
    [InlineData("254{0}", "07")]
    [InlineData("0{1} {2} {3}", "07")]
    [InlineData("0{0}", "01")]
    public async Task PostPayment_WithAcceptedPhoneFormat_SendsNormalisedMsisdn(string format, string prefix)
    {
        var national = Phones.Next(prefix: prefix)[1..]; // e.g. 708374149: 9 digits
        var input = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, national, national[..3], national[3..6], national[6..]);
        var msisdn = "254" + national;

        var created = await _client.CreatePaymentAsync(input);

        Assert.Equal(msisdn, created.PhoneNumber);
        var push = PushBody(created.Attempts[0].CheckoutRequestId!);
        Assert.Equal(msisdn, push.GetProperty("PartyA").GetString());
        Assert.Equal(msisdn, push.GetProperty("PhoneNumber").GetString());
    }

    [Fact]
    public async Task PostPayment_StkPushBody_FollowsDarajaFieldRules()
    {
        var created = await _client.CreatePaymentAsync(Phones.Next(), 250);
        var push = PushBody(created.Attempts[0].CheckoutRequestId!);

        Assert.Equal(JsonValueKind.Number, push.GetProperty("Amount").ValueKind);
        Assert.Equal(250, push.GetProperty("Amount").GetInt32());
        Assert.Equal("174379", push.GetProperty("BusinessShortCode").GetString());
        Assert.Equal("174379", push.GetProperty("PartyB").GetString());
        Assert.Equal("CustomerPayBillOnline", push.GetProperty("TransactionType").GetString());
        Assert.Equal("INV-1001", push.GetProperty("AccountReference").GetString());
        Assert.Equal("Shield order", push.GetProperty("TransactionDesc").GetString());
        Assert.Equal($"{host.App.BaseUrl}api/v1/daraja/stk-callback/{ShieldApp.CallbackSecret}", push.GetProperty("CallBackURL").GetString());

        var timestamp = push.GetProperty("Timestamp").GetString()!;
        var eastAfrica = DateTime.UtcNow.AddHours(3);
        var sent = DateTime.ParseExact(timestamp, "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sent, eastAfrica.AddMinutes(-2), eastAfrica.AddMinutes(1));
        var password = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(push.GetProperty("Password").GetString()!));
        Assert.Equal($"174379bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919{timestamp}", password);
    }

    [Theory]
    [InlineData("""{"phoneNumber":"07083741","amount":10,"accountReference":"A1"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"0708374149123","amount":10,"accountReference":"A1"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"+255708374149","amount":10,"accountReference":"A1"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"07083741ab","amount":10,"accountReference":"A1"}""", "phoneNumber")]
    [InlineData("""{"amount":10,"accountReference":"A1"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"0708374149","amount":0,"accountReference":"A1"}""", "amount")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10.5,"accountReference":"A1"}""", "amount")]
    [InlineData("""{"phoneNumber":"0708374149","amount":250001,"accountReference":"A1"}""", "amount")]
    [InlineData("""{"phoneNumber":"0708374149","accountReference":"A1"}""", "amount")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10,"accountReference":"ABCDEFGHIJKLM"}""", "accountReference")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10,"accountReference":"A#1"}""", "accountReference")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10}""", "accountReference")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10,"accountReference":"A1","description":"ABCDEFGHIJKLMN"}""", "description")]
    [InlineData("""{"phoneNumber":"0708374149","amount":10,"accountReference":"A1","description":"pay@shop"}""", "description")]
    public async Task PostPayment_WithBadInput_AnswersProblemNamingTheFieldAndNeverCallsDaraja(string body, string field)
    {
        var pushesBefore = Pushes().Count;

        using var response = await _client.PostAsync(new Uri("api/v1/payments", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("validation_failed", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors do not name {field}");
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.Equal(pushesBefore, Pushes().Count);
    }

    [Fact]
    public async Task PostPayment_WithMalformedJson_AnswersProblem()
    {
        using var response = await _client.PostAsync(new Uri("api/v1/payments", UriKind.Relative),
            new StringContent("{\"phoneNumber\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_json", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetPayment_WithUnknownId_AnswersNotFoundProblem()
    {
        using var response = await _client.GetAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("payment_not_found", problem.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task PostPayment_WithoutValidApiKey_AnswersUnauthorizedAndNeverCallsDaraja(string? key)
    {
        using var anonymous = host.App.Anonymous();
        if (key is not null)
        {
            anonymous.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var pushesBefore = Pushes().Count;
        using var response = await anonymous.PostPaymentAsync(Phones.Next());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(pushesBefore, Pushes().Count);
    }

    [Fact]
    public async Task PostPayments_Many_ShareOneOAuthToken()
    {
        await _client.CreatePaymentAsync(Phones.Next());
        var tokensBefore = host.App.Journal.TokenRequests;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.CreatePaymentAsync(Phones.Next())));

        Assert.Equal(tokensBefore, host.App.Journal.TokenRequests);
        Assert.True(tokensBefore <= 1, $"{tokensBefore} token requests for the first payment");
    }

    private List<JsonElement> Pushes() => host.App.Journal.Requests
        .Where(r => r.Path.EndsWith("/stkpush/v1/processrequest", StringComparison.Ordinal) && r.Body is not null)
        .Select(r => JsonDocument.Parse(r.Body!).RootElement.Clone())
        .ToList();

    private JsonElement PushBody(string checkoutRequestId)
    {
        // The simulator's CheckoutRequestID embeds the MSISDN; match the push by phone and the latest one sent.
        var msisdn = checkoutRequestId[^12..];
        return Pushes().Last(p => p.GetProperty("PhoneNumber").GetString() == msisdn);
    }

    private async Task<List<CallbackOutcome>> WaitForCallbacks(string checkoutRequestId, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var outcomes = await host.App.WithDatabase(db => db.Callbacks
                .Where(c => c.CheckoutRequestId == checkoutRequestId)
                .OrderBy(c => c.Id)
                .Select(c => c.Outcome)
                .ToListAsync());
            if (outcomes.Count >= count)
            {
                return outcomes;
            }

            await Task.Delay(100);
        }

        return [];
    }
}
