using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// Readiness of the configured database: reachable, and with every migration applied (with
/// Database:MigrateOnStartup off, a service whose schema is behind must not take traffic).
/// </summary>
internal sealed class DatabaseHealthCheck(ShieldDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: apply the migration script or bundle (README, Production).");
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
    }
}
