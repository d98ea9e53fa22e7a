using System.Data.Common;

namespace Shield.Baseline.Data;

/// <summary>
/// What differs between the engines: how a connection is opened, how statements are sent together, and how each
/// value is encoded the way Shield's EF model stores it. The SQL itself (<see cref="Sql"/>) is the same for both.
/// </summary>
internal abstract class Database : IAsyncDisposable
{
    /// <summary>A pooled connection, open.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Statements written together inside <paramref name="transaction"/> (one round trip where the engine can).</summary>
    public abstract StatementBatch Batch(DbConnection connection, DbTransaction transaction);

    public static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public async Task<DbDataReader> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    public async Task<int> WriteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        if (WriteGate is not { } gate)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A write transaction; on SQLite it first waits for the write gate, as Shield's commits do.</summary>
    public async Task<WriteScope> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var gate = WriteGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteScope(await connection.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>
    /// SQLite allows one writer: writers queue here, in the process, instead of colliding and sleeping in
    /// Microsoft.Data.Sqlite's busy retry (the same technique as Shield's SqliteWriteGate). Null: no gate.
    /// </summary>
    protected virtual SemaphoreSlim? WriteGate => null;

    public async Task<object?> ScalarAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>PostgreSQL keeps prepared statements per pooled connection, so preparing pays once per connection.</summary>
    protected virtual Task PrepareAsync(DbCommand command, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract void AddGuid(DbParameterCollection parameters, string name, Guid value);

    public abstract void AddTime(DbParameterCollection parameters, string name, DateTimeOffset? value);

    public abstract void AddMoney(DbParameterCollection parameters, string name, decimal? value);

    public abstract void AddFlag(DbParameterCollection parameters, string name, bool? value);

    public abstract void AddText(DbParameterCollection parameters, string name, string? value);

    public abstract void AddInt(DbParameterCollection parameters, string name, int value);

    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>True when a unique index on <paramref name="column"/> refused the write.</summary>
    public abstract bool IsUniqueViolation(DbException exception, string column);

    /// <summary>Engine set-up at start, as Shield does it (SQLite: write-ahead logging). Never creates schema.</summary>
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}
