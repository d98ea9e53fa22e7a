using Microsoft.EntityFrameworkCore;
using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Persistence;

/// <summary>Each provider's migrations set matches the model: nobody changed the model without a migration.</summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => ["Sqlite", "SqlServer", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_ForEachProvider_HasNoPendingChanges(string provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed since the last migration; add one with dotnet ef (see README).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    internal static ShieldDbContext Context(string provider) => provider switch
    {
        "SqlServer" => new SqlServerShieldDbContext(new DbContextOptionsBuilder<SqlServerShieldDbContext>()
            .UseSqlServer("Server=localhost;Database=Shield;TrustServerCertificate=True").Options),
        "Postgres" => new PostgresShieldDbContext(new DbContextOptionsBuilder<PostgresShieldDbContext>()
            .UseNpgsql("Host=localhost;Database=shield").Options),
        _ => new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite("Data Source=:memory:").Options),
    };
}
