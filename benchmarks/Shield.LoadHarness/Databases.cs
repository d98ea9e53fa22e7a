using Npgsql;

namespace Shield.LoadHarness;

/// <summary>
/// A fresh, empty database for each service, on one engine: two SQLite files in the run's folder, or two PostgreSQL
/// databases (created by Shield's migrations, dropped at the end).
/// </summary>
internal sealed class Databases(DatabaseEngine engine, string folder, string postgresAdmin) : IAsyncDisposable
{
    private const int PoolSizePerService = 40;

    private readonly string _tag = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public DatabaseEngine Engine { get; } = engine;

    public string ForShield => ConnectionString("shield");

    public string ForBaseline => ConnectionString("baseline");

    public async ValueTask DisposeAsync()
    {
        if (Engine == DatabaseEngine.Sqlite)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.db*"))
            {
                File.Delete(file);
            }

            return;
        }

        // Not WITH (FORCE): that needs the right to end autovacuum workers, which a plain role lacks. A plain DROP ends
        // them itself; the services' connections close as their processes exit, so a few tries are enough.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(postgresAdmin);
        await connection.OpenAsync();
        foreach (var name in new[] { DatabaseName("shield"), DatabaseName("baseline") })
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    await Task.Delay(500);
                }
            }
        }
    }

    /// <summary>
    /// Refreshes PostgreSQL's statistics after the write phases, as autovacuum would in time: plans chosen while the
    /// tables looked empty (prepared statements keep theirs) would otherwise make the read phases measure stale plans.
    /// </summary>
    public async Task AnalyzeAsync()
    {
        if (Engine != DatabaseEngine.Postgres)
        {
            return;
        }

        foreach (var connectionString in new[] { ForShield, ForBaseline })
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// On PostgreSQL each service gets at most <see cref="PoolSizePerService"/> connections. Npgsql's default (100) is
    /// the server's whole max_connections: when a stall piles up the paced scenario's requests, the service that grows
    /// its pool first leaves the other none, and that one fails with 53300 instead of waiting for a connection.
    /// </summary>
    private string ConnectionString(string service) => Engine == DatabaseEngine.Sqlite
        ? $"Data Source={Path.Combine(folder, service + ".db")}"
        : new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = DatabaseName(service), MaxPoolSize = PoolSizePerService }.ConnectionString;

    private string DatabaseName(string service) => $"shield_harness_{_tag}_{service}";
}
