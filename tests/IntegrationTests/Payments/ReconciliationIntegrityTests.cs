using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// What the reconciler must settle, through the real host (issue 11): every payment due in one pass (defect 2), an
/// initiation that an early callback's match raced (defect 4), a push whose outcome was never learned (defect 5), and a
/// callback stored but never processed (defect 6).
/// </summary>
public sealed class ReconciliationIntegrityTests
{
    [Fact]
    public async Task OnePass_SeveralPaymentsPastTheExpiryWindow_ExpiresEveryOneOfThemAndFreesTheirPhones()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
            ["Reconciliation:ExpireAfter"] = "00:00:01",
        });
        using var client = app.Client();
        var phones = Enumerable.Range(0, 4).Select(_ => Phones.Next()).ToList();
        var created = new List<Guid>();
        foreach (var phone in phones)
        {
            created.Add((await client.CreatePaymentAsync(phone, 60)).Id);
        }

        await Task.Delay(1500);
        await using (var scope = app.Scope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcilePendingAttemptsCommand());
            Assert.Equal(4, report.Expired);
        }

        foreach (var id in created)
        {
            var payment = await client.GetPaymentAsync(id);
            Assert.Equal(PaymentStatus.Expired, payment.Status);
            Assert.Equal("no_outcome", payment.Failure!.Code);
        }

        foreach (var phone in phones)
        {
            using var again = await client.PostPaymentAsync(phone, 61);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }
    }

    [Fact]
    public async Task Initiation_EarlyCallbackMatchedByTheReconcilerWhileThePushAnswerIsOnItsWay_AnswersAcceptedWithTheCompletedPayment()
    {
        await using var daraja = new FakeDaraja();
        var phone = Phones.Next();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daraja.Push = async (context, number, _) =>
        {
            entered.SetResult();
            await release.Task; // Safaricom's callback arrives, and is matched, before Daraja's answer to the push
            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted("ws_CO_EARLY_000001"));
        };
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Interval"] = "00:00:00.200",
        });
        using var client = app.Client();

        var initiation = client.PostPaymentAsync(phone, 47);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var early = await app.Anonymous().PostCallbackAsync(StkCallbacks.Success("ws_CO_EARLY_000001", 47, "EARLYPAID1", Phones.Msisdn(phone))))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        await WaitUntil(() => app.WithDatabase(db => db.Payments.SelectMany(p => p.Attempts).AnyAsync(a => a.CheckoutRequestId == "ws_CO_EARLY_000001")));
        release.SetResult();
        using var answer = await initiation;

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetGuid();
        var payment = await client.WaitForAsync(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal("EARLYPAID1", payment.MpesaReceiptNumber);
        Assert.Equal("ws_CO_EARLY_000001", Assert.Single(payment.Attempts).CheckoutRequestId);
        Assert.Equal(1, daraja.Pushes);
    }

    [Fact]
    public async Task PushWhoseAnswerNeverCame_ExpiresAsOutcomeUnknownAndIsRetriedOnlyWhenTheClientAcknowledges()
    {
        await using var daraja = new FakeDaraja();
        daraja.Push = (context, number, _) => number == 1
            ? FakeDaraja.Hang(context)
            : FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_AGAIN_{number:D6}"));
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Mpesa:RequestTimeout"] = "00:00:01",
            ["Reconciliation:Interval"] = "00:00:00.200",
            ["Reconciliation:ExpireAfter"] = "00:00:02",
        });
        using var client = app.Client();
        using var lost = await client.PostPaymentAsync(Phones.Next(), 52);
        Assert.Equal(HttpStatusCode.GatewayTimeout, lost.StatusCode);
        using var problem = JsonDocument.Parse(await lost.Content.ReadAsStringAsync());
        var id = problem.RootElement.GetProperty("paymentId").GetGuid();

        var expired = await client.WaitForAsync(id);

        Assert.Equal(PaymentStatus.Expired, expired.Status);
        Assert.Equal("outcome_unknown", expired.Failure!.Code);
        Assert.False(expired.Failure.Retriable);
        Assert.Equal("outcome_unknown", expired.ReviewReason);

        var retry = new Uri($"api/v1/payments/{id}/retry", UriKind.Relative);
        using (var refused = await client.PostAsync(retry, null))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            using var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("outcome_unknown_not_acknowledged", refusal.RootElement.GetProperty("code").GetString());
            Assert.Contains("{\"acknowledgeOutcomeUnknown\": true}", refusal.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, daraja.Pushes);
        }

        using var acknowledged = await client.PostAsync(retry, JsonContent("""{"acknowledgeOutcomeUnknown":true}"""));
        Assert.Equal(HttpStatusCode.Accepted, acknowledged.StatusCode);
        Assert.Equal(2, daraja.Pushes);
        var retried = await client.GetPaymentAsync(id);
        Assert.Equal(PaymentStatus.Pending, retried.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, retried.Attempts[1].Status);
    }

    [Fact]
    public async Task CallbackStoredButNeverProcessed_IsProcessedByTheReconcilerWithTheReceiptItCarries()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Interval"] = "00:00:00.200",
            ["Reconciliation:ReprocessCallbacksAfter"] = "00:00:01",
        });
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 33);
        var checkout = created.Attempts[0].CheckoutRequestId!;

        // What a kill -9 (or a database failure) right after the raw body's commit leaves: the row, still Received.
        var left = InboundCallback.Receive(CallbackKind.StkCallback, StkCallbacks.Success(checkout, 33, "SWEPT00001"), "196.201.214.200",
            DateTimeOffset.UtcNow.AddSeconds(-2));
        await app.WithDatabase(async db =>
        {
            db.Callbacks.Add(left);
            return await db.SaveChangesAsync();
        });

        var settled = await client.WaitForAsync(created.Id);

        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Equal("SWEPT00001", settled.MpesaReceiptNumber);
        var outcome = await app.WithDatabase(db => db.Callbacks.Where(c => c.Id == left.Id).Select(c => c.Outcome).SingleAsync());
        Assert.Equal(CallbackOutcome.Applied, outcome);
    }

    /// <summary>
    /// A pass lists the callbacks left Received, then works on each: a conflict or failure on one forgets everything the
    /// unit of work tracked, the others' rows included. Each is read again by id, so each is still recorded.
    /// </summary>
    [Fact]
    public async Task Sweep_WhenTheUnitOfWorkForgetsEverythingBetweenTwoListedCallbacks_StillRecordsEachOne()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
        });
        using var client = app.Client();
        var first = await client.CreatePaymentAsync(Phones.Next(), 41);
        var second = await client.CreatePaymentAsync(Phones.Next(), 42);
        var left = new[] { (first, "FORGOT0001"), (second, "FORGOT0002") }
            .Select(p => InboundCallback.Receive(CallbackKind.StkCallback, StkCallbacks.Success(p.Item1.Attempts[0].CheckoutRequestId!, p.Item1.Amount, p.Item2),
                null, DateTimeOffset.UtcNow.AddSeconds(-5)))
            .ToList();
        await app.WithDatabase(async db =>
        {
            db.Callbacks.AddRange(left);
            return await db.SaveChangesAsync();
        });

        await using (var scope = app.Scope())
        {
            var services = scope.ServiceProvider;
            var listed = await services.GetRequiredService<ICallbackInbox>().ListUnprocessedAsync(CallbackKinds.Payments, DateTimeOffset.UtcNow, 10, CancellationToken.None);
            var processor = services.GetRequiredService<CallbackProcessor>();
            Assert.NotNull(await processor.ProcessAsync(listed[0].Id));
            services.GetRequiredService<IUnitOfWork>().DiscardChanges(); // what a conflict on the first payment does
            Assert.NotNull(await processor.ProcessAsync(listed[1].Id));
        }

        var outcomes = await app.WithDatabase(db => db.Callbacks.Where(c => c.Id == left[0].Id || c.Id == left[1].Id).Select(c => c.Outcome).ToListAsync());
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Applied], outcomes);
        Assert.Equal("FORGOT0002", (await client.GetPaymentAsync(second.Id)).MpesaReceiptNumber);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(50);
        }
    }
}
