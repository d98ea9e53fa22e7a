using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Shield.Baseline.Data;

/// <summary>
/// PostgreSQL as Shield's Npgsql model stores it: uuid, timestamp with time zone (UTC), numeric(12,2), boolean, varchar.
/// One data source (pool) for the process; statements are prepared once per pooled connection.
/// </summary>
internal sealed class PostgresDatabase(string connectionString) : Database
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public override StatementBatch Batch(DbConnection connection, DbTransaction transaction) =>
        new PostgresStatementBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

    protected override Task PrepareAsync(DbCommand command, CancellationToken cancellationToken) => command.PrepareAsync(cancellationToken);

    public override void AddGuid(DbParameterCollection parameters, string name, Guid value) =>
        parameters.Add(new NpgsqlParameter<Guid>(name, value));

    public override void AddTime(DbParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.Add(value is { } v
            ? new NpgsqlParameter<DateTimeOffset>(name, v)
            : new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = DBNull.Value });

    public override void AddMoney(DbParameterCollection parameters, string name, decimal? value) =>
        parameters.Add(value is { } v
            ? new NpgsqlParameter<decimal>(name, v)
            : new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = DBNull.Value });

    public override void AddFlag(DbParameterCollection parameters, string name, bool? value) =>
        parameters.Add(value is { } v
            ? new NpgsqlParameter<bool>(name, v)
            : new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = DBNull.Value });

    public override void AddText(DbParameterCollection parameters, string name, string? value) =>
        parameters.Add(value is not null
            ? new NpgsqlParameter<string>(name, value)
            : new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value });

    public override void AddInt(DbParameterCollection parameters, string name, int value) =>
        parameters.Add(new NpgsqlParameter<int>(name, value));

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override bool IsUniqueViolation(DbException exception, string column) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && (postgres.ConstraintName ?? postgres.MessageText).Contains(column, StringComparison.Ordinal);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
