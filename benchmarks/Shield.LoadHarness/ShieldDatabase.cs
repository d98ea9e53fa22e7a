using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shield.LoadHarness;

/// <summary>
/// Reads Shield's own records of the webhook scenarios straight from its database (read only): when each event
/// occurred, when its delivery was made, when the first POST started; and, after a kill, what the dead instance still
/// held leased. The API shows none of the first two, and a killed instance cannot say what it held.
/// </summary>
internal sealed class ShieldDatabase(DatabaseEngine engine, string connectionString)
{
    private const string FirstAttemptsSql = """
        SELECT e."PaymentId", e."OccurredAt", d."CreatedAt", a."At", a."DurationMs", d."CompletedAt"
        FROM "WebhookDeliveries" d
        JOIN "Events" e ON e."Id" = d."EventId"
        JOIN "WebhookAttempts" a ON a."DeliveryId" = d."Id" AND a."Number" = 1
        WHERE d."ClientId" = @client
        """;

    private const string LeftoversSql = """
        SELECT
          (SELECT COUNT(*) FROM "WebhookDeliveries" WHERE "ClientId" = @client AND "Status" = 'Pending' AND "LeaseOwner" IS NOT NULL),
          (SELECT COUNT(*) FROM "WebhookDeliveries" WHERE "ClientId" = @client AND "Status" = 'Pending'),
          (SELECT COUNT(*) FROM "Events" WHERE "ClientId" = @client AND "DispatchedAt" IS NULL AND "LeaseOwner" IS NOT NULL),
          (SELECT COUNT(*) FROM "Events" WHERE "ClientId" = @client AND "DispatchedAt" IS NULL)
        """;

    private const string AttemptsSql = """
        SELECT COUNT(*) FROM "WebhookAttempts" a JOIN "WebhookDeliveries" d ON d."Id" = a."DeliveryId" WHERE d."ClientId" = @client
        """;

    /// <summary>How many attempts Shield recorded for the client's deliveries (each POST should be one).</summary>
    public async Task<int> AttemptsAsync(string clientId)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = Command(connection, AttemptsSql, clientId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each delivery of the client's events and its first attempt, as Shield recorded them.</summary>
    public async Task<IReadOnlyList<FirstAttempt>> FirstAttemptsAsync(string clientId)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = Command(connection, FirstAttemptsSql, clientId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<FirstAttempt>();
        while (await reader.ReadAsync())
        {
            rows.Add(new FirstAttempt(
                engine == DatabaseEngine.Sqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0),
                Time(reader, 1), Time(reader, 2), Time(reader, 3), TimeSpan.FromMilliseconds(reader.GetInt32(4)),
                reader.IsDBNull(5) ? null : Time(reader, 5)));
        }

        return rows;
    }

    /// <summary>What is left undone for a client: deliveries and outbox events pending, and how many of them are leased.</summary>
    public async Task<Leftovers> LeftoversAsync(string clientId)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = Command(connection, LeftoversSql, clientId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Leftovers(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
    }

    private DbConnection Open() => engine == DatabaseEngine.Sqlite
        ? new SqliteConnection(connectionString)
        : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, MaxPoolSize = 1 }.ConnectionString);

    private static DbCommand Command(DbConnection connection, string sql, string clientId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "client";
        parameter.Value = clientId;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// A timestamp as the engine stores it: PostgreSQL's timestamptz, or on SQLite the long of EF Core's
    /// DateTimeOffsetToBinaryConverter (Shield's SQLite context): the clock ticks / 1000 shifted left 11 bits, the
    /// offset's minutes in the low 11 bits.
    /// </summary>
    private DateTimeOffset Time(DbDataReader reader, int column)
    {
        if (engine != DatabaseEngine.Sqlite)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc));
        }

        var binary = reader.GetInt64(column);
        var offsetMinutes = (int)((binary << 53) >> 53);
        return new DateTimeOffset((binary >> 11) * 1000, TimeSpan.FromMinutes(offsetMinutes));
    }
}
