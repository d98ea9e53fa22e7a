using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shield.Infrastructure.Persistence;

/// <summary>Lets dotnet-ef build the SQL Server context without a server (migrations need no connection).</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerShieldDbContext>
{
    public SqlServerShieldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerShieldDbContext>().UseSqlServer("Server=localhost;Database=Shield;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
