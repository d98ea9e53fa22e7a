using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shield.Infrastructure.Persistence;

/// <summary>Lets dotnet-ef build the PostgreSQL context without a server (migrations need no connection).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresShieldDbContext>
{
    public PostgresShieldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresShieldDbContext>().UseNpgsql("Host=localhost;Database=shield;Username=shield").Options);
}
