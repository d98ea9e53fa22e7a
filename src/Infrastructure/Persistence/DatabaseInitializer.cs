using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// Applies migrations at start when Database:MigrateOnStartup is on, and prepares SQLite for concurrent use. A
/// connection string that cannot be read, or a database that cannot be reached or migrated, stops the start with one
/// message naming ConnectionStrings:Shield and the provider, the password taken out.
/// </summary>
public sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            ReadConnectionString(settings.Provider);
        }
        catch (ArgumentException exception)
        {
            throw Refusal($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not a valid connection string for Database:Provider={settings.Provider}: {Scrub(exception.Message)}");
        }

        try
        {
            await InitializeAsync(settings, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refusal($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} (Database:Provider={settings.Provider}) names a file whose folder cannot be created: {Scrub(exception.Message)}");
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            throw Refusal($"The database named by ConnectionStrings:{DatabaseOptions.ConnectionStringName} (Database:Provider={settings.Provider}) could not be reached at start"
                + $"{(settings.MigrateOnStartup ? " to apply migrations (Database:MigrateOnStartup=true)" : "")}: {Scrub(Cause(exception).Message)}");
        }
        catch (DbException exception)
        {
            throw Refusal($"The database named by ConnectionStrings:{DatabaseOptions.ConnectionStringName} (Database:Provider={settings.Provider}) refused Shield at start"
                + $"{(settings.MigrateOnStartup ? " while applying migrations (Database:MigrateOnStartup=true)" : "")}: {Scrub(exception.Message)}");
        }
    }

    private async Task InitializeAsync(DatabaseOptions settings, CancellationToken cancellationToken)
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

        if (!settings.MigrateOnStartup)
        {
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        LogMigrated(logger, settings.Provider, applied);
    }

    /// <summary>Reads the configured connection string with the provider's own parser: it throws ArgumentException when it cannot.</summary>
    private void ReadConnectionString(DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "Data Source=shield.db";
        _ = provider switch
        {
            DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(configured).ConnectionString,
            DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(configured).ConnectionString,
            _ => new SqliteConnectionStringBuilder(configured).ConnectionString,
        };
    }

    private static OptionsValidationException Refusal(string message) =>
        new(DatabaseOptions.SectionName, typeof(DatabaseOptions), [message]);

    /// <summary>The database driver's own error inside EF's wrappers (its message says what went wrong).</summary>
    private static Exception Cause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return current;
            }
        }

        return exception;
    }

    /// <summary>A driver message, on one line, without the configured password should a driver ever quote it.</summary>
    private string Scrub(string message)
    {
        var scrubbed = message.ReplaceLineEndings(" ");
        try
        {
            var written = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) };
            foreach (var key in written.Keys.Cast<string>().Where(k => k.Equals("password", StringComparison.OrdinalIgnoreCase) || k.Equals("pwd", StringComparison.OrdinalIgnoreCase)))
            {
                if (written[key]?.ToString() is { Length: > 0 } password)
                {
                    scrubbed = scrubbed.Replace(password, "***", StringComparison.Ordinal);
                }
            }
        }
        catch (ArgumentException)
        {
            // unreadable: the builders' messages name keys and positions, not values
        }

        return scrubbed;
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
        var written = new DbConnectionStringBuilder { ConnectionString = configured };
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
