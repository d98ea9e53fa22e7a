using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shield.Infrastructure.Persistence;

/// <summary>Lets dotnet-ef build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShieldDbContext>
{
    public SqliteShieldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
