using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Shield.Infrastructure.Persistence;

/// <summary>SQLite, the embedded default. Owns Migrations/Sqlite.</summary>
public sealed class SqliteShieldDbContext(DbContextOptions<SqliteShieldDbContext> options) : ShieldDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type and cannot order or compare DateTimeOffset text; store UTC instants as integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
