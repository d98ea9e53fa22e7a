using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Events;

/// <summary>
/// Two instances on one database server, each with its dispatcher and its own handler: between them every event is
/// delivered exactly once (while no lease runs out) and none is skipped, one payment's events in order. The leases are
/// PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c> (SQL Server's <c>UPDLOCK, READPAST</c>).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class TwoDispatcherTests
{
    [ServerDatabaseFact]
    public async Task TwoInstances_DeliverEveryEventOnce_InOrderPerPayment()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        await using var database = TestDatabase.Create(directory);
        var (first, second) = (new EventRecord(), new EventRecord());
        await using var one = Instance(database, first);
        await using var two = Instance(database, second);
        using var clientOne = one.Client();
        using var clientTwo = two.Client();

        // Payments through both instances at once: both commit events, both dispatchers lease.
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await (i % 2 == 0 ? clientOne : clientTwo).CreatePaymentAsync(Phones.Next(i % 3 == 0 ? "1032" : "4149"))).Id));
        foreach (var id in ids)
        {
            await clientOne.WaitForAsync(id);
        }

        var stored = await OutboxTests.WaitUntilDispatchedAsync(one, expected: ids.Length * 2);
        var deliveries = first.Deliveries.Select(e => (Instance: 1, Event: e)).Concat(second.Deliveries.Select(e => (Instance: 2, Event: e))).ToList();

        Assert.Equal(stored.Select(e => e.Id).Order(), deliveries.Select(d => d.Event.Id).Order()); // each once, none skipped
        Assert.All(stored, e => Assert.Equal(0, e.Attempts));
        foreach (var payment in deliveries.GroupBy(d => d.Event.PaymentId))
        {
            var delivered = payment.Select(d => d.Event).ToList();
            Assert.Equal([1, 2], delivered.Select(e => e.Sequence).Order());
            Assert.True(stored.Single(s => s.Id == delivered.Single(e => e.Sequence == 1).Id).DispatchedAt
                <= stored.Single(s => s.Id == delivered.Single(e => e.Sequence == 2).Id).DispatchedAt, "sequence 1 was delivered before 2");
        }

        Assert.NotEmpty(first.Deliveries);
        Assert.NotEmpty(second.Deliveries);
        Assert.Equal(0, await one.WithDatabase(db => db.Events.CountAsync(e => e.LeaseOwner != null)));
    }

    private static ShieldApp Instance(TestDatabase database, EventRecord record) => new(new Dictionary<string, string?>
    {
        ["Simulator:CallbackDelay"] = "00:00:00.200",
        ["Events:PollInterval"] = "00:00:00.050",
        ["Events:BatchSize"] = "5",
        ["Reconciliation:Enabled"] = "false",
    }, database)
    {
        TestServices = services => services.AddSingleton(record).AddScoped<IEventHandler<PaymentEvent>, RecordingEventHandler>(),
    };
}
