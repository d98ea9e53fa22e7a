using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Shield.Baseline.Data;

/// <summary>
/// SQLite as Shield's EF model stores it: Guid as upper-case TEXT, DateTimeOffset as INTEGER (<see cref="BinaryTime"/>),
/// decimal as TEXT ("10.0"), bool as INTEGER 0/1. Connections as Shield opens them: pooled, 30 s busy timeout.
/// </summary>
internal sealed class SqliteDatabase : Database
{
    /// <summary>The format Microsoft.Data.Sqlite binds a decimal with, which is what EF's SQLite provider stores.</summary>
    private const string DecimalFormat = "0.0###########################";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string connectionString) =>
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 }.ToString();

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override StatementBatch Batch(DbConnection connection, DbTransaction transaction) =>
        new SqliteStatementBatch((SqliteConnection)connection, (SqliteTransaction)transaction);

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void AddGuid(DbParameterCollection parameters, string name, Guid value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Text) { Value = value.ToString("D").ToUpperInvariant() });

    public override void AddTime(DbParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Integer) { Value = value is { } v ? BinaryTime.ToLong(v) : DBNull.Value });

    public override void AddMoney(DbParameterCollection parameters, string name, decimal? value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Text)
        {
            Value = value is { } v ? v.ToString(DecimalFormat, CultureInfo.InvariantCulture) : DBNull.Value,
        });

    public override void AddFlag(DbParameterCollection parameters, string name, bool? value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Integer) { Value = value is { } v ? (v ? 1L : 0L) : DBNull.Value });

    public override void AddText(DbParameterCollection parameters, string name, string? value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Text) { Value = value ?? (object)DBNull.Value });

    public override void AddInt(DbParameterCollection parameters, string name, int value) =>
        parameters.Add(new SqliteParameter(name, SqliteType.Integer) { Value = value });

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => BinaryTime.FromLong(reader.GetInt64(ordinal));

    protected override SemaphoreSlim? WriteGate => _writeGate;

    /// <summary>Microsoft.Data.Sqlite's pool is per connection string, for the process: only the gate to release.</summary>
    public override ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return default;
    }

    public override bool IsUniqueViolation(DbException exception, string column) =>
        exception is SqliteException { SqliteErrorCode: 19 } sqlite
        && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal)
        && sqlite.Message.Contains(column, StringComparison.Ordinal);
}
