using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// The rest of a payment's life over HTTP: reconciliation of lost callbacks, expiry, late successes, retries and
/// verification, with the reconciler running fast.
/// </summary>
public sealed class LifecycleTests
{
    private static Dictionary<string, string?> Fast(string callbackDelay, string expireAfter = "01:00:00", bool reconcile = true) => new()
    {
        ["Simulator:CallbackDelay"] = callbackDelay,
        ["Reconciliation:Enabled"] = reconcile ? "true" : "false",
        ["Reconciliation:Interval"] = "00:00:00.200",
        ["Reconciliation:FirstQueryAfter"] = "00:00:00.300",
        ["Reconciliation:ExpireAfter"] = expireAfter,
    };

    [Fact]
    public async Task LostCallback_IsRevealedByTheQuery_AndCompletesWithoutReceipt()
    {
        await using var app = new ShieldApp(Fast("00:00:00.300"));
        using var client = app.Client();

        var created = await client.CreatePaymentAsync(Phones.Next("0000"));
        var settled = await client.WaitForAsync(created.Id);

        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Null(settled.MpesaReceiptNumber);
        var attempt = Assert.Single(settled.Attempts);
        Assert.Equal(AttemptStatus.Succeeded, attempt.Status);
        Assert.Equal(ResultSource.Query, attempt.ResultSource);
        Assert.Equal("0", attempt.ResultCode);
    }

    [Fact]
    public async Task StillProcessingAnswers_KeepThePaymentPending()
    {
        await using var app = new ShieldApp(Fast("01:00:00"));
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next());
        var checkout = created.Attempts[0].CheckoutRequestId!;

        await WaitUntil(() => Queries(app, checkout) >= 3);

        var payment = await client.GetPaymentAsync(created.Id);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.Attempts[0].Status);
        Assert.Null(payment.Failure);
    }

    [Fact]
    public async Task SilentCustomer_EndsExpired_AndALateSuccessStillCompletes()
    {
        await using var app = new ShieldApp(Fast("01:00:00", expireAfter: "00:00:02"));
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 60);

        var expired = await client.WaitForAsync(created.Id);

        Assert.Equal(PaymentStatus.Expired, expired.Status);
        Assert.Equal("no_outcome", expired.Failure!.Code);
        Assert.True(expired.Failure.Retriable);
        Assert.Equal(ResultSource.Expiry, expired.Attempts[0].ResultSource);

        using var late = await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(expired.Attempts[0].CheckoutRequestId!, 60, "LATE000001"));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var completed = await client.GetPaymentAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, completed.Status);
        Assert.Equal("LATE000001", completed.MpesaReceiptNumber);
        Assert.Null(completed.Failure);
        Assert.Equal(["payment.created", "payment.expired", "payment.completed"], (await OutboxTests.EventsOf(app, created.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Retry_AfterCancel_CompletesOnAttemptTwo()
    {
        await using var app = new ShieldApp(Fast("01:00:00", reconcile: false));
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var created = await client.CreatePaymentAsync(Phones.Next(), 90);
        (await safaricom.PostCallbackAsync(StkCallbacks.Failure(created.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"))).Dispose();

        using var retry = await client.PostAsync(new Uri($"api/v1/payments/{created.Id}/retry", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = JsonSerializer.Deserialize<PaymentDetails>(await retry.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        Assert.Equal(PaymentStatus.Pending, retried.Status);
        Assert.Null(retried.Failure);
        Assert.Equal([1, 2], retried.Attempts.Select(a => a.Number));
        Assert.Equal(AttemptStatus.AwaitingCustomer, retried.Attempts[1].Status);

        (await safaricom.PostCallbackAsync(StkCallbacks.Success(retried.Attempts[1].CheckoutRequestId!, 90, "RETRY00002"))).Dispose();
        var completed = await client.GetPaymentAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, completed.Status);
        Assert.Equal("RETRY00002", completed.MpesaReceiptNumber);
        Assert.Equal([AttemptStatus.Cancelled, AttemptStatus.Succeeded], completed.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task Retry_RefusedWhenPendingOrCompletedOrOutOfAttempts()
    {
        await using var app = new ShieldApp(Fast("01:00:00", reconcile: false));
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var payment = await client.CreatePaymentAsync(Phones.Next(), 90);

        await AssertConflict(client, payment.Id, "payment_not_retriable");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var current = await client.GetPaymentAsync(payment.Id);
            (await safaricom.PostCallbackAsync(StkCallbacks.Failure(current.Attempts[^1].CheckoutRequestId!, 1, "The balance is insufficient"))).Dispose();
            if (attempt < 3)
            {
                using var retried = await client.PostAsync(new Uri($"api/v1/payments/{payment.Id}/retry", UriKind.Relative), null);
                Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            }
        }

        await AssertConflict(client, payment.Id, "too_many_attempts");
        using var unknown = await client.PostAsync(new Uri($"api/v1/payments/{Guid.CreateVersion7()}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Verify_PendingPayment_QueriesNowAndAppliesTheAnswer()
    {
        await using var app = new ShieldApp(Fast("00:00:00.200", reconcile: false));
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next("0000"));
        await Task.Delay(500); // the simulated customer pays; the callback is lost

        using var verify = await client.PostAsync(new Uri($"api/v1/payments/{created.Id}/verify", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, verify.StatusCode);
        var verified = JsonSerializer.Deserialize<PaymentDetails>(await verify.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        Assert.Equal(PaymentStatus.Completed, verified.Status);
        Assert.Equal(ResultSource.Query, verified.Attempts[0].ResultSource);
    }

    [Fact]
    public async Task StrayCallback_ForAPushWhoseAnswerWasLost_IsMatchedByPhoneAndAmount()
    {
        await using var daraja = new FakeDaraja();
        daraja.Push = (context, _, _) => FakeDaraja.Hang(context);
        var settings = Fast("01:00:00");
        settings["Mpesa:BaseUrl"] = daraja.Url.ToString();
        settings["Mpesa:RequestTimeout"] = "00:00:01";
        await using var app = new ShieldApp(settings);
        using var client = app.Client();
        var phone = Phones.Next();
        using var lost = await client.PostPaymentAsync(phone, 45);
        Assert.Equal(HttpStatusCode.GatewayTimeout, lost.StatusCode);
        using var problem = JsonDocument.Parse(await lost.Content.ReadAsStringAsync());
        var id = problem.RootElement.GetProperty("paymentId").GetGuid();

        using var callback = await app.Anonymous().PostCallbackAsync(StkCallbacks.Success("ws_CO_LOST_ANSWER_0001", 45, "STRAY00001", Phones.Msisdn(phone)));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        var settled = await client.WaitForAsync(id);
        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Equal("STRAY00001", settled.MpesaReceiptNumber);
        Assert.Equal("ws_CO_LOST_ANSWER_0001", settled.Attempts[0].CheckoutRequestId);
    }

    [Fact]
    public async Task TwoReconcilers_OnOneDatabase_SettleEachLostCallbackOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var database = TestDatabase.Create(directory);
        await using var first = new ShieldApp(Fast("00:00:00.200"), database);
        using var client = first.Client();
        await using var second = new ShieldApp(Fast("00:00:00.200"), database);
        second.Anonymous().Dispose(); // started: its reconciler runs too

        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.CreatePaymentAsync(Phones.Next("0000"))));
        var settled = await Task.WhenAll(created.Select(p => client.WaitForAsync(p.Id)));

        Assert.All(settled, p => Assert.Equal(PaymentStatus.Completed, p.Status));
        var completions = await first.WithDatabase(db => db.Events.CountAsync(e => e.Type == "payment.completed"));
        Assert.Equal(10, completions);
        Assert.DoesNotContain(first.Logs.Lines.Concat(second.Logs.Lines), l => l.Contains("Reconciliation pass failed", StringComparison.Ordinal));
    }

    private static async Task AssertConflict(HttpClient client, Guid id, string code)
    {
        using var response = await client.PostAsync(new Uri($"api/v1/payments/{id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    private static int Queries(ShieldApp app, string checkoutRequestId) =>
        app.Journal.Requests.Count(r => r.Path.EndsWith("stkpushquery/v1/query", StringComparison.Ordinal) && r.Body!.Contains(checkoutRequestId, StringComparison.Ordinal));

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition did not hold within 10 s");
    }
}
