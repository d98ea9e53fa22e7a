using Microsoft.Extensions.Options;
using Shield.Infrastructure.Persistence;

namespace Shield.UnitTests.Infrastructure.Persistence;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task RunAsync_OnSqlite_RunsCommitsOneAtATimeInArrivalOrder()
    {
        using var gate = new SqliteWriteGate(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));
        var first = new TaskCompletionSource();
        var order = new List<string>();

        var running = gate.RunAsync(async _ => { order.Add("first starts"); await first.Task; order.Add("first ends"); }, CancellationToken.None);
        var second = gate.RunAsync(_ => { order.Add("second starts"); return Task.CompletedTask; }, CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.SetResult();
        await Task.WhenAll(running, second);

        Assert.Equal(["first starts", "first ends", "second starts"], order);
    }

    [Fact]
    public async Task RunAsync_OnSqlite_AFailedCommitLetsTheNextOneRun()
    {
        using var gate = new SqliteWriteGate(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(_ => throw new InvalidOperationException("conflict"), CancellationToken.None));
        var next = gate.RunAsync(_ => Task.CompletedTask, CancellationToken.None);

        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(5))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task RunAsync_OnServerEngines_DoesNotQueueCommits(DatabaseProvider provider)
    {
        using var gate = new SqliteWriteGate(Options.Create(new DatabaseOptions { Provider = provider }));
        var first = new TaskCompletionSource();

        var running = gate.RunAsync(_ => first.Task, CancellationToken.None);
        var second = gate.RunAsync(_ => Task.CompletedTask, CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        first.SetResult();
        await running;
    }
}
