using Microsoft.EntityFrameworkCore;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Events;

/// <summary>
/// The real service as its own process, killed with SIGKILL after its changes were committed and before any was
/// dispatched (its dispatcher is off for that run): on restart every event is delivered, once, from the outbox.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class OutboxCrashTests
{
    [Fact]
    public async Task KilledBetweenCommitAndDispatch_EveryEventIsDeliveredAfterTheRestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var database = TestDatabase.Create(directory);
        var port = TestPorts.Free();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Shield"] = database.ConnectionString,
            ["Simulator__CallbackDelay"] = "00:00:00.100",
            ["Events__DispatchEnabled"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
        };
        await using var shield = new KilledShieldProcess(port, environment, Path.Combine(directory, "shield.log"));
        await shield.StartAsync();
        using var client = new HttpClient { BaseAddress = shield.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ShieldApp.ApiKey);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.CreatePaymentAsync(Phones.Next(i % 2 == 0 ? "4149" : "1032"))).Id);
        }

        foreach (var id in ids)
        {
            await client.WaitForAsync(id);
        }

        var committed = await Read(database, db => db.Events.AsNoTracking().ToListAsync());
        Assert.Equal(ids.Count * 2, committed.Count);
        Assert.All(committed, e => Assert.Null(e.DispatchedAt));

        await shield.KillAsync();
        environment["Events__DispatchEnabled"] = "true";
        await shield.StartAsync();

        for (var i = 0; i < 300 && (await Read(database, db => db.Events.CountAsync(e => e.DispatchedAt == null))) > 0; i++)
        {
            await Task.Delay(100);
        }

        var delivered = await Read(database, db => db.Events.AsNoTracking().ToListAsync());
        Assert.Equal(committed.Select(e => e.Id).Order(), delivered.Select(e => e.Id).Order());
        Assert.All(delivered, e => Assert.NotNull(e.DispatchedAt));
        foreach (var stored in committed)
        {
            // The operator's log line of the built-in handler, written once per event, after the restart.
            Assert.Equal(1, shield.CountLogLines($"Event {stored.Id} {stored.Type} for payment {stored.PaymentId}"));
        }
    }

    private static async Task<T> Read<T>(TestDatabase database, Func<ShieldDbContext, Task<T>> query)
    {
        await using var db = database.OpenContext();
        return await query(db);
    }

}
