using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Refunds;
using Shield.IntegrationTests.Infrastructure;
using Shield.IntegrationTests.Webhooks;

namespace Shield.IntegrationTests.Refunds;

/// <summary>A client refunds its customers' payments over HTTP; the simulator plays Daraja's Reversal API and Transaction Status.</summary>
public sealed class RefundFlowTests(RefundFlowTests.Host host) : IClassFixture<RefundFlowTests.Host>, IAsyncLifetime
{
    public const string OtherKey = "other-client-key-for-refund-tests";

    public sealed class Host : IAsyncLifetime
    {
        public ShieldApp App { get; } = new(new Dictionary<string, string?>
        {
            ["Reconciliation:Interval"] = "00:00:01",
            ["Refunds:VerifyAfter"] = "00:00:02",
            ["ApiClients:1:Id"] = "other",
            ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
        });

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly HttpClient _client = host.App.Client();

    public Task InitializeAsync() => host.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PostRefund_WholePayment_SucceedsAndShowsOnThePaymentAndInEvents()
    {
        var payment = await _client.PaidPaymentAsync(amount: 150);

        using var response = await _client.PostRefundAsync(payment.Id, "Charged the wrong amount");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<RefundDetails>(ShieldApp.Json))!;
        Assert.Equal(new Uri(host.App.BaseUrl, $"api/v1/refunds/{created.Id}"), response.Headers.Location);
        Assert.Equal(RefundStatus.Pending, created.Status);
        Assert.Equal(150, created.Amount);
        Assert.Equal(payment.Id, created.PaymentId);
        Assert.Equal("Charged the wrong amount", created.Reason);

        var refund = await _client.WaitForRefundAsync(created.Id);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Matches("^[A-Z0-9]{10}$", refund.ReversalReceiptNumber);
        Assert.NotEqual(payment.MpesaReceiptNumber, refund.ReversalReceiptNumber);
        Assert.NotNull(refund.CompletedAt);
        Assert.Null(refund.Failure);

        // The request Daraja got: the payment's receipt, the amount as a JSON integer, Daraja's own spelling.
        using var sent = JsonDocument.Parse(Assert.Single(host.App.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request"
            && r.Body!.Contains(payment.MpesaReceiptNumber!, StringComparison.Ordinal)).Body!);
        Assert.Equal(payment.MpesaReceiptNumber, sent.RootElement.GetProperty("TransactionID").GetString());
        Assert.Equal(JsonValueKind.Number, sent.RootElement.GetProperty("Amount").ValueKind);
        Assert.Equal("11", sent.RootElement.GetProperty("RecieverIdentifierType").GetString());
        Assert.Equal("Charged the wrong amount", sent.RootElement.GetProperty("Remarks").GetString());

        var shown = await _client.GetPaymentAsync(payment.Id);
        Assert.Equal(Domain.Payments.PaymentStatus.Completed, shown.Status);
        Assert.Equal(150, shown.RefundedAmount);
        Assert.Equal(refund.Id, Assert.Single(shown.Refunds!).Id);

        var types = await EventTypesAsync(payment.Id, 2);
        Assert.Contains("refund.created", types);
        Assert.Contains("refund.succeeded", types);
        Assert.DoesNotContain("refund.failed", types);

        // Nothing more can be refunded.
        using var again = await _client.PostRefundAsync(payment.Id);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("refund_exceeds_payment", await RefundsApi.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task PostRefund_PartialAmountWhenNotAllowed_Is409AndSendsNothing()
    {
        var payment = await _client.PaidPaymentAsync(amount: 100);

        using var response = await _client.PostRefundAsync(payment.Id, amount: 40);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("partial_refund_not_allowed", await RefundsApi.ProblemCodeAsync(response));
        Assert.DoesNotContain(host.App.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request" && r.Body!.Contains(payment.MpesaReceiptNumber!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostRefund_OfAPaymentThatFailed_Is409PaymentNotRefundable()
    {
        var created = await _client.CreatePaymentAsync(Phones.Next("0001"));
        var failed = await _client.WaitForAsync(created.Id);
        Assert.Equal(Domain.Payments.PaymentStatus.Failed, failed.Status);

        using var response = await _client.PostRefundAsync(failed.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("payment_not_refundable", await RefundsApi.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task PostRefund_WithBadBodies_Is400WithTheFieldNamed()
    {
        var payment = await _client.PaidPaymentAsync();

        using var noReason = await _client.PostAsJsonAsync($"api/v1/payments/{payment.Id}/refunds", new { amount = 100 });
        using var longReason = await _client.PostRefundAsync(payment.Id, new string('x', 101));
        using var zero = await _client.PostRefundAsync(payment.Id, amount: 0);

        foreach (var response in new[] { noReason, longReason, zero })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Contains("reason", await longReason.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("amount", await zero.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refunds_OfAnotherClient_AreNotFound()
    {
        var payment = await _client.PaidPaymentAsync();
        var refund = await _client.CreateRefundAsync(payment.Id);
        using var other = host.App.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        using var post = await other.PostRefundAsync(payment.Id);
        using var get = await other.GetAsync(new Uri($"api/v1/refunds/{refund.Id}", UriKind.Relative));
        var list = await other.GetFromJsonAsync<RefundPage>($"api/v1/refunds?paymentId={payment.Id}", ShieldApp.Json);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("payment_not_found", await RefundsApi.ProblemCodeAsync(post));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("refund_not_found", await RefundsApi.ProblemCodeAsync(get));
        Assert.Equal(0, list!.TotalCount);
        var mine = await _client.GetFromJsonAsync<RefundPage>($"api/v1/refunds?paymentId={payment.Id}", ShieldApp.Json);
        Assert.Equal(refund.Id, Assert.Single(mine!.Items).Id);
        // Dates in East Africa Time (PostgreSQL compares instants in UTC: the query converts them).
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(3)).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        var recent = await _client.GetFromJsonAsync<RefundPage>($"api/v1/refunds?paymentId={payment.Id}&createdFrom={since}", ShieldApp.Json);
        Assert.Equal(refund.Id, Assert.Single(recent!.Items).Id);
    }

    [Fact]
    public async Task PostRefund_SameKeyAgain_AnswersTheFirstRefundAndSendsOneReversal()
    {
        var payment = await _client.PaidPaymentAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await _client.PostRefundAsync(payment.Id, "Duplicate order", idempotencyKey: key);
        using var second = await _client.PostRefundAsync(payment.Id, "Duplicate order", idempotencyKey: key);
        using var changed = await _client.PostRefundAsync(payment.Id, "Another reason", idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal((await first.Content.ReadFromJsonAsync<RefundDetails>(ShieldApp.Json))!.Id,
            (await second.Content.ReadFromJsonAsync<RefundDetails>(ShieldApp.Json))!.Id);
        Assert.Equal((HttpStatusCode)422, changed.StatusCode);
        Assert.Equal("idempotency_key_reused", await RefundsApi.ProblemCodeAsync(changed));
        Assert.Single(host.App.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request" && r.Body!.Contains(payment.MpesaReceiptNumber!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostRefund_ManyAtOnce_SendsExactlyOneReversal()
    {
        var payment = await _client.PaidPaymentAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.PostRefundAsync(payment.Id)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(await RefundsApi.ProblemCodeAsync(refused), new[] { "refund_in_progress", "refund_exceeds_payment" });
        }

        Assert.Single(host.App.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request" && r.Body!.Contains(payment.MpesaReceiptNumber!, StringComparison.Ordinal));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task PostRefund_QueueTimeout_IsUnknownThenSucceedsByTransactionStatus()
    {
        var payment = await _client.PaidPaymentAsync(Phones.Next("0408"));

        var created = await _client.CreateRefundAsync(payment.Id);
        var settled = await _client.WaitForRefundAsync(created.Id, r => r.Status == RefundStatus.Succeeded, seconds: 30);

        Assert.Equal(RefundStatus.Succeeded, settled.Status);
        // The notice was applied to the refund (it made it Unknown), never as a failure.
        var notice = await host.App.WithDatabase(db => db.Callbacks.AsNoTracking()
            .Where(c => c.Kind == Domain.Callbacks.CallbackKind.ReversalTimeout && c.RefundId == new RefundId(created.Id)).Select(c => c.Outcome).SingleAsync());
        Assert.Equal(Domain.Callbacks.CallbackOutcome.Applied, notice);
        Assert.Matches("^[A-Z0-9]{10}$", settled.ReversalReceiptNumber);
        // Verified by Transaction Status, by the reversal's OriginatorConversationID: never sent again.
        Assert.Contains(host.App.Journal.Requests, r => r.Path == "/mpesa/transactionstatus/v1/query" && r.Body!.Contains("OriginalConversationID", StringComparison.Ordinal));
        Assert.Single(host.App.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request" && r.Body!.Contains(payment.MpesaReceiptNumber!, StringComparison.Ordinal));
        var types = await EventTypesAsync(payment.Id, 2);
        Assert.DoesNotContain("refund.failed", types);
    }

    [Fact]
    public async Task RefundEvents_ReachWebhooks_Signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookTests.CreateEndpointAsync(_client, receiver, "refund.created", "refund.succeeded", "refund.failed");
        var payment = await _client.PaidPaymentAsync();

        var refund = await _client.CreateRefundAsync(payment.Id);

        var received = await receiver.WaitForAsync(r => r.Count(w => w.Body.Contains("refund.", StringComparison.Ordinal)) >= 2);
        var envelopes = received.Select(WebhookTests.Envelope).ToList();
        Assert.Contains(envelopes, e => e.GetProperty("type").GetString() == "refund.created" && e.GetProperty("data").GetProperty("id").GetGuid() == refund.Id);
        var succeeded = Assert.Single(envelopes, e => e.GetProperty("type").GetString() == "refund.succeeded");
        Assert.Equal("Succeeded", succeeded.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(payment.Id, succeeded.GetProperty("data").GetProperty("paymentId").GetGuid());
        Assert.All(received, r => Assert.NotEmpty(r.VerifiedWith));
    }

    private async Task<List<string>> EventTypesAsync(Guid paymentId, int atLeastRefundEvents)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var page = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"api/v1/events?paymentId={paymentId}&pageSize=100", UriKind.Relative)));
            var types = page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();
            if (types.Count(t => t.StartsWith("refund.", StringComparison.Ordinal)) >= atLeastRefundEvents || DateTime.UtcNow > deadline)
            {
                return types;
            }

            await Task.Delay(200);
        }
    }
}
