using Microsoft.EntityFrameworkCore;

namespace Shield.Infrastructure.Persistence;

/// <summary>SQL Server, the production database. Owns Migrations/SqlServer.</summary>
public sealed class SqlServerShieldDbContext(DbContextOptions<SqlServerShieldDbContext> options) : ShieldDbContext(options);
