using System.Data.Common;

namespace Shield.Baseline.Data;

/// <summary>A write transaction holding the engine's write gate (if any) until it is disposed.</summary>
internal sealed class WriteScope(DbTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => Transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        gate?.Release();
    }
}
