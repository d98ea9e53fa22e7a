namespace Shield.Baseline.Data;

/// <summary>Write statements sent together in one transaction, with the rows each one changed.</summary>
internal abstract class StatementBatch : IAsyncDisposable
{
    /// <summary>Adds a statement and returns its parameters to fill.</summary>
    public abstract System.Data.Common.DbParameterCollection Add(string sql);

    public abstract Task ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Rows changed by the statement added in position <paramref name="index"/>.</summary>
    public abstract int RowsAffected(int index);

    public abstract ValueTask DisposeAsync();
}
