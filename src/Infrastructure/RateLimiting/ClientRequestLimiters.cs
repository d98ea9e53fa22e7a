using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Fleet;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// The partitions of RateLimits:ClientRequestsPerMinute, one fixed minute per client, for ASP.NET Core's limiter.
/// Without Cache:Redis, .NET's fixed window in this instance's memory; with it, a window counted in Redis for the fleet,
/// falling back to this instance's share (<see cref="FleetLimits.PerInstance"/>) while Redis cannot be reached.
/// </summary>
public sealed class ClientRequestLimiters
{
    private readonly FleetRedis _redis;
    private readonly IOptions<RateLimitOptions> _options;

    internal ClientRequestLimiters(FleetRedis redis, IOptions<RateLimitOptions> options)
    {
        _redis = redis;
        _options = options;
    }

    /// <summary>The name refusals are counted under (shield.rate_limited's limit).</summary>
    public static string LimitName => FleetLimits.ClientRequests;

    public RateLimitPartition<string> Partition(string client)
    {
        var limit = _options.Value.ClientRequestsPerMinute;
        if (!_redis.IsConfigured)
        {
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => Window(limit));
        }

        var share = FleetLimits.PerInstance(limit, _options.Value.FleetInstances);
        return RateLimitPartition.Get(client, key => new FleetWindowLimiter(key, _redis, limit, new FixedWindowRateLimiter(Window(share))));
    }

    /// <summary>Where a refused request was counted: "fleet" (Redis) or "instance".</summary>
    public static string ScopeOf(RateLimitLease lease) =>
        lease is not null && lease.TryGetMetadata(FleetLease.Scope, out var scope) && scope is not null ? scope : FleetLimits.InstanceScope;

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = FleetWindowLimiter.Window,
        QueueLimit = 0,
    };
}
