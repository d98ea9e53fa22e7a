using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Webhooks;

/// <summary>Two instances on one database server share the deliveries through their row leases: each attempt is made once.</summary>
[Collection(SerialCollection.Name)]
public sealed class TwoInstanceWebhookTests
{
    [ServerDatabaseFact]
    public async Task TwoInstances_PostEachEventOnce_InOrderPerPayment()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        await using var database = TestDatabase.Create(directory);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var one = new ShieldApp(WebhookTests.Settings(("Webhooks:BatchSize", "3")), database);
        await using var two = new ShieldApp(WebhookTests.Settings(("Webhooks:BatchSize", "3")), database);
        using var clientOne = one.Client();
        using var clientTwo = two.Client();
        await WebhookTests.CreateEndpointAsync(clientOne, receiver);

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i => (await (i % 2 == 0 ? clientOne : clientTwo).CreatePaymentAsync(Phones.Next())).Id));
        var received = await receiver.WaitForAsync(r => r.Count >= ids.Length * 2, seconds: 60);
        await Task.Delay(500);

        Assert.Equal(ids.Length * 2, receiver.Received.Count);                    // no attempt made twice
        Assert.Equal(ids.Length * 2, received.Select(r => r.Id).Distinct().Count()); // none skipped
        foreach (var payment in received.GroupBy(r => WebhookTests.Envelope(r).GetProperty("data").GetProperty("id").GetGuid()))
        {
            Assert.Equal(["payment.created", "payment.completed"], payment.OrderBy(r => r.At).Select(WebhookTests.Type));
        }
    }
}
