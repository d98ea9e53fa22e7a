using System.Data.Common;
using Npgsql;

namespace Shield.Baseline.Data;

/// <summary>One NpgsqlBatch: every statement in one round trip, as EF's Npgsql provider sends a SaveChanges.</summary>
internal sealed class PostgresStatementBatch : StatementBatch
{
    private readonly NpgsqlBatch _batch;

    public PostgresStatementBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        _batch = new NpgsqlBatch(connection, transaction);

    public override DbParameterCollection Add(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        _batch.BatchCommands.Add(command);
        return command.Parameters;
    }

    public override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        await _batch.PrepareAsync(cancellationToken);
        await _batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public override int RowsAffected(int index) => _batch.BatchCommands[index].RecordsAffected;

    public override ValueTask DisposeAsync() => _batch.DisposeAsync();
}
