using Microsoft.EntityFrameworkCore;
using Microsoft.Data.SqlClient;
using Npgsql;
using Respawn;
using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The engine the integration suite runs on, chosen by SHIELD_TEST_DATABASE (Sqlite, the default; Postgres;
/// SqlServer). Each host gets a database of its own: a fresh SQLite file, or a new PostgreSQL / SQL Server database
/// created on the server named by SHIELD_TEST_POSTGRES / SHIELD_TEST_SQLSERVER and dropped afterwards. Between the
/// tests of one class, Respawn empties the server databases.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=shield;Password=shield;Database=postgres";

    private readonly string? _name;
    private Respawner? _respawner;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
    }

    public static DatabaseProvider Engine =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("SHIELD_TEST_DATABASE"), ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static string PostgresServer => Environment.GetEnvironmentVariable("SHIELD_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultPostgres;

    public static string? SqlServer => Environment.GetEnvironmentVariable("SHIELD_TEST_SQLSERVER") is { Length: > 0 } value ? value : null;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static TestDatabase Create(string directory, DatabaseProvider? provider = null)
    {
        var name = $"shield_test_{Guid.NewGuid():N}";
        switch (provider ?? Engine)
        {
            case DatabaseProvider.Postgres:
            {
                using var connection = new NpgsqlConnection(PostgresServer);
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                command.ExecuteNonQuery();
                return new TestDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString, name);
            }

            case DatabaseProvider.SqlServer:
            {
                var server = SqlServer ?? throw new InvalidOperationException("SHIELD_TEST_SQLSERVER is not set.");
                using var connection = new SqlConnection(server);
                connection.Open();
                using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
                command.ExecuteNonQuery();
                return new TestDatabase(DatabaseProvider.SqlServer, new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString, name);
            }

            default:
                return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "shield.db")}", null);
        }
    }

    /// <summary>A context of its own on this database (not a host's): to read what a separate process wrote.</summary>
    public ShieldDbContext OpenContext() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresShieldDbContext(new DbContextOptionsBuilder<PostgresShieldDbContext>().UseNpgsql(ConnectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerShieldDbContext(new DbContextOptionsBuilder<SqlServerShieldDbContext>().UseSqlServer(ConnectionString).Options),
        _ => new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite(ConnectionString).Options),
    };

    /// <summary>Empties every table but the migrations history (PostgreSQL and SQL Server, with Respawn).</summary>
    public async Task ResetAsync()
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
                {
                    DbAdapter = DbAdapter.Postgres,
                    SchemasToInclude = ["public"],
                    TablesToIgnore = ["__EFMigrationsHistory"],
                });
                await _respawner.ResetAsync(connection);
                break;
            }

            case DatabaseProvider.SqlServer:
            {
                await using var connection = new SqlConnection(ConnectionString);
                await connection.OpenAsync();
                _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
                {
                    DbAdapter = DbAdapter.SqlServer,
                    TablesToIgnore = ["__EFMigrationsHistory"],
                });
                await _respawner.ResetAsync(connection);
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(PostgresServer);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await command.ExecuteNonQueryAsync();
                        break;
                    }
                    catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                    {
                        // An autovacuum worker (a superuser's backend) is in the database: FORCE may not end it. It finishes soon.
                        await Task.Delay(250);
                    }
                }

                break;
            }

            case DatabaseProvider.SqlServer:
            {
                SqlConnection.ClearAllPools();
                await using var connection = new SqlConnection(SqlServer);
                await connection.OpenAsync();
                await using var command = new SqlCommand($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]", connection);
                await command.ExecuteNonQueryAsync();
                break;
            }

            default:
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                break;
        }
    }
}
