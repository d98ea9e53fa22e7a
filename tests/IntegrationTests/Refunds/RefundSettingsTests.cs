using System.Net.Http.Json;
using System.Net;
using Shield.Domain.Refunds;
using Shield.IntegrationTests.Infrastructure;
using Shield.IntegrationTests.Webhooks;

namespace Shield.IntegrationTests.Refunds;

/// <summary>Refunds under an operator's settings (each test its own host, as an operator sets environment variables).</summary>
public sealed class RefundSettingsTests
{
    [Fact]
    public async Task PostRefund_WhenRefundsAreOff_Is409RefundsDisabled()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Refunds:Enabled"] = "false" });
        var client = app.Client();
        var payment = await client.PaidPaymentAsync();

        using var response = await client.PostRefundAsync(payment.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("refunds_disabled", await RefundsApi.ProblemCodeAsync(response));
        Assert.DoesNotContain(app.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request");
    }

    [Fact]
    public async Task PostRefund_PastTheDailyLimit_Is429WithRetryAfter()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Refunds:MaxPerClientPerDay"] = "1" });
        var client = app.Client();
        var first = await client.PaidPaymentAsync();
        var second = await client.PaidPaymentAsync();
        await client.CreateRefundAsync(first.Id);

        using var response = await client.PostRefundAsync(second.Id);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("refund_limit_reached", await RefundsApi.ProblemCodeAsync(response));
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 24 * 3600);
    }

    [Fact]
    public async Task PostRefund_PartialWhenAllowed_RefundsInPartsUpToTheAmount()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Refunds:AllowPartial"] = "true" });
        var client = app.Client();
        var payment = await client.PaidPaymentAsync(amount: 100);

        var part = await client.WaitForRefundAsync((await client.CreateRefundAsync(payment.Id, "One item was out of stock", 40)).Id);
        var rest = await client.WaitForRefundAsync((await client.CreateRefundAsync(payment.Id, "Order cancelled")).Id);
        using var more = await client.PostRefundAsync(payment.Id, amount: 1);

        Assert.Equal((RefundStatus.Succeeded, 40), (part.Status, part.Amount));
        Assert.Equal((RefundStatus.Succeeded, 60), (rest.Status, rest.Amount));
        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        Assert.Equal("refund_exceeds_payment", await RefundsApi.ProblemCodeAsync(more));
        var shown = await client.GetPaymentAsync(payment.Id);
        Assert.Equal(100, shown.RefundedAmount);
        Assert.Equal(2, shown.Refunds!.Count);
        Assert.Equal(Domain.Payments.PaymentStatus.Completed, shown.Status);
        var listed = await client.GetFromJsonAsync<Application.Payments.Contracts.PaymentPage>("api/v1/payments?status=Completed", ShieldApp.Json);
        Assert.Equal((100, 2), (listed!.Items.Single(p => p.Id == payment.Id).RefundedAmount, listed.Items.Single(p => p.Id == payment.Id).Refunds!.Count));
    }

    [Fact]
    public async Task PostRefund_WithAWrongInitiatorPassword_FailsAsASetUpErrorAndNeverLogsThePassword()
    {
        const string password = "Wrong-Initiator-Pa55!";
        // The simulated M-Pesa expects another password than the one Shield is configured with.
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Mpesa:InitiatorPassword"] = password, ["Simulator:InitiatorPassword"] = "The-Real-Pa55!" });
        var client = app.Client();
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookTests.CreateEndpointAsync(client, receiver, "refund.failed");
        var payment = await client.PaidPaymentAsync();

        var refund = await client.WaitForRefundAsync((await client.CreateRefundAsync(payment.Id)).Id);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("initiator_credentials_invalid", refund.Failure!.Code);
        Assert.Equal("2001", refund.Failure.ResultCode);
        Assert.True(refund.Failure.Retriable);
        // The Error line is written just after the failure's commit, which the client may read first: wait for it.
        bool IsSetUpError(string l) => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("2001", StringComparison.Ordinal)
            && l.Contains(refund.Id.ToString(), StringComparison.Ordinal);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !app.Logs.Lines.Any(IsSetUpError) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }

        Assert.Contains(app.Logs.Lines, IsSetUpError);
        var failed = await receiver.WaitForAsync(r => r.Count > 0);
        Assert.Equal("refund.failed", WebhookTests.Envelope(Assert.Single(failed)).GetProperty("type").GetString());

        var sent = Assert.Single(app.Journal.Requests, r => r.Path == "/mpesa/reversal/v1/request").Body!;
        var credential = System.Text.Json.JsonDocument.Parse(sent).RootElement.GetProperty("SecurityCredential").GetString()!;
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal) || l.Contains(credential, StringComparison.Ordinal)
            || l.Contains(ShieldApp.CallbackSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownRefund_BlocksAnotherUntilSettled_AndAnAlreadyReversedReceiptIsNeverAPlainFailure()
    {
        // No reconciler: the queue-timed-out refund stays Unknown until a person settles it.
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" });
        var client = app.Client();
        var payment = await client.PaidPaymentAsync(Phones.Next("0408"));
        var first = await client.WaitForRefundAsync((await client.CreateRefundAsync(payment.Id)).Id);
        Assert.Equal(RefundStatus.Unknown, first.Status);

        using var blocked = await client.PostRefundAsync(payment.Id);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("refund_in_progress", await RefundsApi.ProblemCodeAsync(blocked));

        // A person wrongly settles it as not done (the simulator did carry it out); the next request meets R000001.
        using var settle = await client.PostAsJsonAsync($"api/v1/refunds/{first.Id}/settle", new { succeeded = false, note = "Not on the statement yet" });
        Assert.Equal(HttpStatusCode.OK, settle.StatusCode);
        var settled = await client.GetRefundAsync(first.Id);
        Assert.Equal((RefundStatus.Failed, "client:demo"), (settled.Status, settled.SettledBy));

        var second = await client.WaitForRefundAsync((await client.CreateRefundAsync(payment.Id)).Id, r => r.ReviewReason is not null || r.Status != RefundStatus.Pending);
        Assert.Equal(RefundStatus.Unknown, second.Status);
        Assert.Equal("already_reversed", second.ReviewReason);
        Assert.Null(second.Failure);

        using var again = await client.PostAsJsonAsync($"api/v1/refunds/{settled.Id}/settle", new { succeeded = true, note = "x" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("refund_not_settleable", await RefundsApi.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task PostRefund_OfAReceiptMpesaNeverIssued_FailsOriginalTransactionInvalid()
    {
        // The simulated customer answers late (1037 after 3 s): a success callback with a receipt the simulator never issued completes it first.
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "00:00:03" });
        var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next("1037"));
        using (await client.PostCallbackAsync(StkCallbacks.Success(created.Attempts[0].CheckoutRequestId!, created.Amount, "ZZZ0000001")))
        {
        }

        var paid = await client.WaitForAsync(created.Id);
        Assert.Equal("ZZZ0000001", paid.MpesaReceiptNumber);

        var refund = await client.WaitForRefundAsync((await client.CreateRefundAsync(paid.Id)).Id, seconds: 30);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal(("original_transaction_invalid", "R000002", false), (refund.Failure!.Code, refund.Failure.ResultCode, refund.Failure.Retriable));
        Assert.Equal("The OriginalTransactionID is invalid.", refund.Failure.ResultDescription);
    }
}
