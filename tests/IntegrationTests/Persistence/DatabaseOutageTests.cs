using System.Net;
using System.Text.Json;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>The database goes away and comes back: clients get 503 database_unavailable (never 500), Safaricom's callbacks get 503, and the service recovers without a restart.</summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseOutageTests
{
    [PostgresOutageFact]
    public async Task Service_WhileDatabaseIsDown_AnswersUnavailableAndRecoversWithoutRestart()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var payment = await client.CreatePaymentAsync(Phones.Next(), 80);
        var checkout = payment.Attempts[0].CheckoutRequestId!;

        await PostgresServer.StopAsync();
        try
        {
            using (var get = await client.GetAsync(new Uri($"api/v1/payments/{payment.Id}", UriKind.Relative)))
            {
                await AssertUnavailable(get);
            }

            using (var post = await client.PostPaymentAsync(Phones.Next()))
            {
                await AssertUnavailable(post);
            }

            using (var callback = await safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 80, "DOWN000001")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, callback.StatusCode);
            }

            using var ready = await safaricom.GetAsync(new Uri("health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var live = await safaricom.GetAsync(new Uri("health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await PostgresServer.StartAsync();
        }

        await WaitUntilReady(safaricom);
        using var redelivered = await safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 80, "DOWN000001"));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var settled = await client.GetPaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Completed, settled.Status);
        Assert.Equal("DOWN000001", settled.MpesaReceiptNumber);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostPaymentAsync(Phones.Next())).StatusCode);
    }

    [PostgresOutageFact]
    public async Task Database_GoingAwayBetweenThePushAndItsCommit_AnswersUnavailableAndTheAttemptSurvivesInSending()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var daraja = new FakeDaraja();
        daraja.Push = async (context, number, _) =>
        {
            await answer.Task;
            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_MIDWAY_{number}"));
        };
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
        });
        using var client = app.Client();
        var phone = Phones.Next();

        var posting = client.PostPaymentAsync(phone, 55);
        for (var i = 0; i < 200 && daraja.Pushes == 0; i++)
        {
            await Task.Delay(25);
        }

        await PostgresServer.StopAsync();
        HttpResponseMessage response;
        try
        {
            answer.SetResult(); // Daraja accepts the push while the database is gone: its answer cannot be committed
            response = await posting;
        }
        finally
        {
            await PostgresServer.StartAsync();
        }

        // Daraja answered but the answer could not be recorded (retried for a few seconds): the client is told so, with
        // the payment's id, and told not to retry meanwhile (issue 11).
        await AssertUnavailable(response, "push_answer_not_recorded");
        response.Dispose();
        await WaitUntilReady(app.Anonymous());

        // The payment survived with its attempt in Sending (committed before the push); the callback resolves it.
        var payment = (await app.WithDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Payments)))
            .Single(p => p.PhoneNumber.Value == Phones.Msisdn(phone));
        Assert.Equal(AttemptStatus.Sending, payment.CurrentAttempt.Status);
        Assert.Equal(1, daraja.Pushes);
    }

    private static async Task AssertUnavailable(HttpResponseMessage response, string code = "database_unavailable")
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task WaitUntilReady(HttpClient client)
    {
        for (var i = 0; i < 120; i++)
        {
            using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("The service did not become ready again within 30 s of the database coming back.");
    }
}
