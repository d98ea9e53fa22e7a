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

        var payments = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.CreatePaymentAsync("0708374149")));
        var settled = await Task.WhenAll(payments.Select(p => client.WaitForAsync(p.Id)));

        Assert.All(settled, p => Assert.Equal(PaymentStatus.Completed, p.Status));
        Assert.Equal(20, settled.Select(p => p.MpesaReceiptNumber).Distinct().Count());
    }
}
