using System.Diagnostics;
using System.Threading.RateLimiting;
using Shield.Infrastructure.Fleet;
using StackExchange.Redis;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// One client's RateLimits:ClientRequestsPerMinute for a fleet: a fixed minute counted in Redis (aligned on Redis's
/// clock), or, while Redis cannot be reached, in this instance's own fixed window with its share of the limit.
/// </summary>
/// <remarks>
/// The synchronous attempt never calls Redis: it answers "not acquired" and ASP.NET Core's middleware then asks
/// <see cref="AcquireAsyncCore"/>, which does.
/// </remarks>
internal sealed class FleetWindowLimiter(string client, FleetRedis redis, int limit, FixedWindowRateLimiter local) : RateLimiter
{
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static readonly RateLimitLease NotYet = new FleetLease(false, null, FleetLimits.FleetScope);

    private readonly RedisKey _key = "shield:rl:client:" + client;
    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>Idle once a whole window has passed without a request and the local window is full again (then the partition may be dropped).</summary>
    public override TimeSpan? IdleDuration =>
        Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed)) > Window ? local.IdleDuration : null;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (await redis.DatabaseAsync() is { } database)
        {
            try
            {
                var result = (long)await database.ScriptEvaluateAsync(RedisLimitScripts.FixedWindow, new
                {
                    key = _key,
                    window = (long)Window.TotalMilliseconds,
                    limit,
                });
                return result < 0
                    ? new FleetLease(true, null, FleetLimits.FleetScope)
                    : new FleetLease(false, TimeSpan.FromMilliseconds(result), FleetLimits.FleetScope);
            }
            catch (Exception exception) when (FleetRedis.IsRedisFailure(exception))
            {
                redis.ReportFailure();
            }
        }

        var lease = await local.AcquireAsync(permitCount, cancellationToken);
        return new FleetLease(lease.IsAcquired, null, FleetLimits.InstanceScope, lease);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
