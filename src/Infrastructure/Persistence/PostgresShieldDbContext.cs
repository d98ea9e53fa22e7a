using Microsoft.EntityFrameworkCore;

namespace Shield.Infrastructure.Persistence;

/// <summary>PostgreSQL, the production alternative. Owns Migrations/Postgres.</summary>
public sealed class PostgresShieldDbContext(DbContextOptions<PostgresShieldDbContext> options) : ShieldDbContext(options);
