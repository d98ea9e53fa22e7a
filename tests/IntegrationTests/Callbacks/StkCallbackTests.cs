using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Callbacks;

/// <summary>
/// Safaricom's callbacks, posted by the test as Safaricom would: late, duplicated, concurrent, unknown, malformed.
/// The simulated customer takes an hour here, so only the test's callbacks settle payments.
/// </summary>
public sealed class StkCallbackTests(StkCallbackTests.Host host) : IClassFixture<StkCallbackTests.Host>, IAsyncLifetime
{
    public sealed class Host() : IAsyncLifetime
    {
        public ShieldApp App { get; } = new(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly HttpClient _client = host.App.Client();
    private readonly HttpClient _safaricom = host.App.Anonymous();

    public Task InitializeAsync() => host.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StkCallback_Success_AnswersAcceptedAndCompletesPayment()
    {
        var (id, checkout) = await StartPayment(120);

        using var response = await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 120, Receipt()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"ResultCode":0,"ResultDesc":"Accepted"}""", await response.Content.ReadAsStringAsync());
        var payment = await _client.GetPaymentAsync(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public async Task StkCallback_FailureAfterSuccess_NeverDowngradesAndIsRecorded()
    {
        var (id, checkout) = await StartPayment(100);
        var receipt = Receipt();
        (await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 100, receipt))).Dispose();

        using var late = await _safaricom.PostCallbackAsync(StkCallbacks.Failure(checkout, 1037, "No response from user."));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var payment = await _client.GetPaymentAsync(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(receipt, payment.MpesaReceiptNumber);
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Duplicate], await Outcomes(checkout));
    }

    [Fact]
    public async Task StkCallback_SuccessAfterCancellation_CompletesLate()
    {
        var (id, checkout) = await StartPayment(100);
        (await _safaricom.PostCallbackAsync(StkCallbacks.Failure(checkout, 1032, "Request cancelled by user"))).Dispose();
        Assert.Equal(PaymentStatus.Cancelled, (await _client.GetPaymentAsync(id)).Status);

        using var response = await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 100, Receipt()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = await _client.GetPaymentAsync(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Equal(AttemptStatus.Succeeded, payment.Attempts[0].Status);
        Assert.Equal(["payment.created", "payment.cancelled", "payment.completed"], (await OutboxTests.EventsOf(host.App, id)).Select(e => e.Type));
    }

    [Fact]
    public async Task StkCallback_Duplicate_IsNoChange()
    {
        var (id, checkout) = await StartPayment(100);
        var body = StkCallbacks.Success(checkout, 100, Receipt());
        (await _safaricom.PostCallbackAsync(body)).Dispose();
        var first = await _client.GetPaymentAsync(id);

        using var again = await _safaricom.PostCallbackAsync(body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await _client.GetPaymentAsync(id);
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);
        Assert.Equal(first.MpesaReceiptNumber, second.MpesaReceiptNumber);
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Duplicate], await Outcomes(checkout));
    }

    [Fact]
    public async Task StkCallback_ConcurrentDuplicates_AllAnsweredAndAppliedExactlyOnce()
    {
        var (id, checkout) = await StartPayment(100);
        var body = StkCallbacks.Success(checkout, 100, Receipt());

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _safaricom.PostCallbackAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Outcomes(checkout);
        Assert.Equal(12, outcomes.Count);
        Assert.Equal(1, outcomes.Count(o => o == CallbackOutcome.Applied));
        Assert.Equal(11, outcomes.Count(o => o == CallbackOutcome.Duplicate));
        Assert.Equal(PaymentStatus.Completed, (await _client.GetPaymentAsync(id)).Status);
        Assert.Single(await OutboxTests.EventsOf(host.App, id), e => e.Type == "payment.completed");
    }

    [Fact]
    public async Task StkCallback_AmountDiffersFromPayment_DoesNotCompleteAndFlagsForReview()
    {
        var (id, checkout) = await StartPayment(500);

        using var response = await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 5, Receipt()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = await _client.GetPaymentAsync(id);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("amount_mismatch", payment.ReviewReason);
        Assert.Equal([CallbackOutcome.FlaggedForReview], await Outcomes(checkout));
    }

    [Fact]
    public async Task StkCallback_UnknownCheckoutRequestId_IsAcceptedAndKeptAsUnmatched()
    {
        var checkout = $"ws_CO_{Guid.NewGuid():N}";

        using var response = await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 10, Receipt()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([CallbackOutcome.Unmatched], await Outcomes(checkout));
    }

    [Fact]
    public async Task StkCallback_MalformedJson_AnswersBadRequestAndKeepsTheRawBody()
    {
        var body = "{\"Body\":{\"stkCallback\":" + Guid.NewGuid().ToString("N");

        using var response = await _safaricom.PostCallbackAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("malformed_callback", problem.RootElement.GetProperty("code").GetString());
        var stored = await host.App.WithDatabase(db => db.Callbacks.SingleAsync(c => c.Body == body));
        Assert.Equal(CallbackOutcome.Malformed, stored.Outcome);
        Assert.Equal("127.0.0.1", stored.RemoteAddress);
    }

    [Fact]
    public async Task StkCallback_WrongSecret_AnswersNotFoundAndStoresNothing()
    {
        var (id, checkout) = await StartPayment(100);

        using var response = await _safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 100, Receipt()), "wrong-secret-0001");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await Outcomes(checkout));
        Assert.Equal(PaymentStatus.Pending, (await _client.GetPaymentAsync(id)).Status);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task StkCallback_AnyContentType_IsStoredBeforeItIsJudged(string contentType)
    {
        var (id, checkout) = await StartPayment(130);
        var receipt = Receipt();
        using var content = new StringContent(StkCallbacks.Success(checkout, 130, receipt), System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await _safaricom.PostAsync(new Uri($"api/v1/daraja/stk-callback/{ShieldApp.CallbackSecret}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([CallbackOutcome.Applied], await Outcomes(checkout));
        Assert.Equal(receipt, (await _client.GetPaymentAsync(id)).MpesaReceiptNumber);
    }

    [Fact]
    public async Task StkCallback_XmlBody_IsStoredAsMalformedAndAnswered400()
    {
        const string Xml = "<Envelope><Body><stkCallback>ws_CO_xml_body_00001</stkCallback></Body></Envelope>";
        using var content = new StringContent(Xml, System.Text.Encoding.UTF8, "application/xml");

        using var response = await _safaricom.PostAsync(new Uri($"api/v1/daraja/stk-callback/{ShieldApp.CallbackSecret}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([CallbackOutcome.Malformed], await Outcomes("ws_CO_xml_body_00001"));
    }

    private async Task<(Guid Id, string CheckoutRequestId)> StartPayment(decimal amount)
    {
        var payment = await _client.CreatePaymentAsync(Phones.Next(), amount);
        return (payment.Id, payment.Attempts[0].CheckoutRequestId!);
    }

    private Task<List<CallbackOutcome>> Outcomes(string checkoutRequestId) =>
        host.App.WithDatabase(db => db.Callbacks.Where(c => c.CheckoutRequestId == checkoutRequestId || c.Body.Contains(checkoutRequestId))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).Select(c => c.Outcome).ToListAsync());

    private static string Receipt() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
}
