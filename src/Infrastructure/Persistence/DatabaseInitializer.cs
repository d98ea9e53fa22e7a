using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shield.Infrastructure.Persistence;

/// <summary>Applies migrations at start when Database:MigrateOnStartup is on, and prepares SQLite for concurrent use.</summary>
public sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // Write-ahead logging lets readers and one writer work at once; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        LogMigrated(logger, options.Value.Provider, applied);
    }

    /// <summary>
    /// Builds the PostgreSQL connection string: unless the operator chose otherwise, Npgsql prepares the statements a
    /// connection runs often (Max Auto Prepare), so PostgreSQL parses and plans each of Shield's few statements once
    /// per connection instead of once per call; the load harness measured it (docs/performance.md). Behind a pooler
    /// that cannot keep prepared statements (PgBouncer in transaction mode before 1.21), set Max Auto Prepare=0.
    /// </summary>
    internal static string PostgresConnectionString(string configured)
    {
        // Npgsql's own builder knows every key whether set or not: ask a plain one what the operator wrote.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        var chosen = written.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!chosen)
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }

    /// <summary>Builds the SQLite connection string: a relative file lives beside the working directory, created on first use.</summary>
    internal static string SqliteConnectionString(string configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured) { Pooling = true, DefaultTimeout = 30 };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }

        return builder.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int applied);
}
