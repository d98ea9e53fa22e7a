using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shield.Infrastructure.Fleet;

/// <summary>
/// Readiness of Redis (registered only when Cache:Redis is set): Degraded, not Unhealthy, when it cannot be reached,
/// since payments still work without it (per-instance token, stricter per-instance limits).
/// </summary>
internal sealed class RedisHealthCheck(FleetRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await redis.PingAsync()
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis (Cache:Redis) cannot be reached: the OAuth token and the rate limits are per instance until it is back.");
}
