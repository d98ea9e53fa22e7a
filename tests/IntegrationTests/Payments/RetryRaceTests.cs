using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// A retry races a late success of the attempt before it (issue 11, defect 1), and two retries race each other (defect
/// 3). The races are made deterministic by holding Daraja's answer to the retry's push until the test has delivered the
/// late success, so the retry's record of Daraja's answer always meets a payment another writer changed.
/// </summary>
public sealed class RetryRaceTests
{
    private static Dictionary<string, string?> Settings(FakeDaraja daraja, string expireAfter = "01:00:00") => new()
    {
        ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
        ["Reconciliation:Interval"] = "00:00:00.200",
        ["Reconciliation:FirstQueryAfter"] = "00:00:00.300",
        ["Reconciliation:ExpireAfter"] = expireAfter,
    };

    [Fact]
    public async Task Retry_LateSuccessOfTheFirstAttemptLandsWhileThePushIsInFlight_RecordsDarajasAnswerAndFlagsTheSecondCharge()
    {
        await using var daraja = new FakeDaraja();
        var (entered, release) = HoldPush(daraja, number: 2);
        await using var app = new ShieldApp(Settings(daraja));
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var phone = Phones.Next();
        var payment = await ExpiredAfterTheFirstPrompt(client, safaricom, phone, 80);

        var retry = client.PostAsync(new Uri($"api/v1/payments/{payment.Id}/retry", UriKind.Relative), null);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var late = await safaricom.PostCallbackAsync(StkCallbacks.Success("ws_CO_FAKE_000001", 80, "LATEPAID01")))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        release.SetResult();
        using var answer = await retry;

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var retried = JsonSerializer.Deserialize<PaymentDetails>(await answer.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        Assert.Equal(PaymentStatus.Completed, retried.Status);
        Assert.Equal("LATEPAID01", retried.MpesaReceiptNumber);
        Assert.Equal(AttemptStatus.AwaitingCustomer, retried.Attempts[1].Status);
        Assert.Equal("ws_CO_FAKE_000002", retried.Attempts[1].CheckoutRequestId);

        // The customer pays the second prompt too: the callback finds its attempt, and the second charge is flagged.
        using (var second = await safaricom.PostCallbackAsync(StkCallbacks.Success("ws_CO_FAKE_000002", 80, "PAIDTWICE2")))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var after = await client.GetPaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Completed, after.Status);
        Assert.Equal("LATEPAID01", after.MpesaReceiptNumber);
        Assert.Equal("duplicate_charge", after.ReviewReason);
        Assert.Equal(AttemptStatus.Succeeded, after.Attempts[1].Status);
        Assert.Equal("PAIDTWICE2", after.Attempts[1].ReceiptNumber);
        var outcome = await app.WithDatabase(db => db.Callbacks.Where(c => c.CheckoutRequestId == "ws_CO_FAKE_000002").Select(c => c.Outcome).SingleAsync());
        Assert.Equal(CallbackOutcome.FlaggedForReview, outcome);

        // The conflict made the late success and the push's answer decide again: each event is written once, numbered without gaps.
        var events = await OutboxTests.EventsOf(app, payment.Id);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        Assert.Equal(["payment.created", "payment.expired", "payment.retried", "payment.completed", "payment.flagged_for_review"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Retry_LateSuccessWhilePushInFlightAndTheSecondPromptNeverAnswered_IsQueriedExpiredAndThePhoneReleased()
    {
        await using var daraja = new FakeDaraja();
        var (entered, release) = HoldPush(daraja, number: 2);
        await using var app = new ShieldApp(Settings(daraja, expireAfter: "00:00:08"));
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var phone = Phones.Next();
        var payment = await ExpiredAfterTheFirstPrompt(client, safaricom, phone, 81);

        var retry = client.PostAsync(new Uri($"api/v1/payments/{payment.Id}/retry", UriKind.Relative), null);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        (await safaricom.PostCallbackAsync(StkCallbacks.Success("ws_CO_FAKE_000001", 81, "LATEPAID03"))).Dispose();
        release.SetResult();
        using (var answer = await retry)
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        var settled = await client.WaitForAsync(payment.Id, p => p.Attempts[^1].Status != AttemptStatus.AwaitingCustomer, seconds: 45);

        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Equal(AttemptStatus.Expired, settled.Attempts[1].Status);
        Assert.True(daraja.Queries > 0, "the attempt in flight on the completed payment was never queried");
        var held = await app.WithDatabase(db => db.Payments.SelectMany(p => p.Attempts).CountAsync(a => a.InFlightPhoneNumber == Phones.Msisdn(phone)));
        Assert.Equal(0, held);
        using var next = await client.PostPaymentAsync(phone, 82);
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
    }

    [Fact]
    public async Task Retry_TwoAtOnceOnACancelledPayment_OnePushesAndTheOtherIsRefusedAsNotRetriable()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(Settings(daraja));
        using var client = app.Client();
        using var second = app.Client();
        using var safaricom = app.Anonymous();
        var answers = new List<(HttpStatusCode Status, string? Code)>();

        for (var pair = 0; pair < 10; pair++)
        {
            var created = await client.CreatePaymentAsync(Phones.Next(), 70 + pair);
            (await safaricom.PostCallbackAsync(StkCallbacks.Failure(created.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"))).Dispose();
            var uri = new Uri($"api/v1/payments/{created.Id}/retry", UriKind.Relative);

            var both = await Task.WhenAll(client.PostAsync(uri, null), second.PostAsync(uri, null));
            foreach (var response in both)
            {
                answers.Add((response.StatusCode, await ProblemCode(response)));
                response.Dispose();
            }
        }

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Accepted), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal("payment_not_retriable", a.Code);
        });
        Assert.Equal(20, daraja.Pushes);

        // Two writers raced on each payment: its events are numbered without gaps or repeats, with one retry among them.
        var payments = await app.WithDatabase(db => db.Events.AsNoTracking().Select(e => new { e.PaymentId, e.Sequence, e.Type }).ToListAsync());
        Assert.All(payments.GroupBy(e => e.PaymentId), one =>
        {
            Assert.Equal(Enumerable.Range(1, one.Count()), one.Select(e => e.Sequence).Order());
            Assert.Single(one, e => e.Type == "payment.retried");
        });
    }

    /// <summary>Holds Daraja's answer to push number <paramref name="number"/> until released; other pushes are accepted at once.</summary>
    private static (TaskCompletionSource Entered, TaskCompletionSource Release) HoldPush(FakeDaraja daraja, int number)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daraja.Push = async (context, n, _) =>
        {
            if (n == number)
            {
                entered.SetResult();
                await release.Task;
            }

            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_FAKE_{n:D6}"));
        };
        return (entered, release);
    }

    /// <summary>A payment whose first prompt went unanswered (1037): Expired, and retriable.</summary>
    private static async Task<PaymentDetails> ExpiredAfterTheFirstPrompt(HttpClient client, HttpClient safaricom, string phone, int amount)
    {
        var created = await client.CreatePaymentAsync(phone, amount);
        Assert.Equal("ws_CO_FAKE_000001", created.Attempts[0].CheckoutRequestId);
        (await safaricom.PostCallbackAsync(StkCallbacks.Failure("ws_CO_FAKE_000001", 1037, "DS timeout user cannot be reached"))).Dispose();
        var expired = await client.GetPaymentAsync(created.Id);
        Assert.Equal(PaymentStatus.Expired, expired.Status);
        return expired;
    }

    private static async Task<string?> ProblemCode(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
