using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Shield.Baseline.Data;

/// <summary>SQLite runs in-process, so "together" is one command after another in the transaction (as EF does for SQLite).</summary>
internal sealed class SqliteStatementBatch(SqliteConnection connection, SqliteTransaction transaction) : StatementBatch
{
    private readonly List<SqliteCommand> _commands = new(3);
    private readonly List<int> _rows = new(3);

    public override DbParameterCollection Add(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        _commands.Add(command);
        return command.Parameters;
    }

    public override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        foreach (var command in _commands)
        {
            _rows.Add(await command.ExecuteNonQueryAsync(cancellationToken));
        }
    }

    public override int RowsAffected(int index) => _rows[index];

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }
    }
}
