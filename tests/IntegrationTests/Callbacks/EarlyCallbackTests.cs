using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Callbacks;

/// <summary>Callbacks that race the commit of the push's answer are kept and applied as soon as the attempt is known.</summary>
public sealed class EarlyCallbackTests
{
    [Fact]
    public async Task Callback_ArrivingWithThePushAnswer_IsNeverLost()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "00:00:00" });
        using var client = app.Client();

        var payments = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.CreatePaymentAsync(Phones.Next())));
        var settled = await Task.WhenAll(payments.Select(p => client.WaitForAsync(p.Id)));

        Assert.All(settled, p => Assert.Equal(PaymentStatus.Completed, p.Status));
        Assert.Equal(40, settled.Select(p => p.MpesaReceiptNumber).Distinct().Count());
    }

    [Fact]
    public async Task Callback_BeforeThePushAnswerIsCommitted_IsKeptUnmatchedThenApplied()
    {
        const string checkout = "ws_CO_27112026101010101254708374149";
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pushReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var daraja = new FakeDaraja();
        daraja.Push = async (context, _, _) =>
        {
            pushReceived.TrySetResult();
            await FakeDaraja.Json(context, System.Net.HttpStatusCode.OK, await answer.Task);
        };
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = daraja.Url.ToString() });
        using var client = app.Client();

        var posting = client.PostPaymentAsync(Phones.Next(), 75);
        await pushReceived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var early = await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(checkout, 75, "EARLY00001")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, early.StatusCode);
        }

        Assert.Equal(Domain.Callbacks.CallbackOutcome.Unmatched, await Outcome(app, checkout));
        answer.SetResult(FakeDaraja.Accepted(checkout));
        using var response = await posting;

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var created = System.Text.Json.JsonSerializer.Deserialize<Application.Payments.Contracts.PaymentDetails>(await response.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        var payment = await client.GetPaymentAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal("EARLY00001", payment.MpesaReceiptNumber);
        Assert.Equal(Domain.Callbacks.CallbackOutcome.Applied, await Outcome(app, checkout));
    }

    private static Task<Domain.Callbacks.CallbackOutcome> Outcome(ShieldApp app, string checkout) =>
        app.WithDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Callbacks.Where(c => c.CheckoutRequestId == checkout).Select(c => c.Outcome)));
}
