using Microsoft.Extensions.Options;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.Infrastructure.Fleet;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// RateLimits:PhonePushesPerHour over a sliding hour. With Cache:Redis it is counted in Redis for the whole fleet (a
/// sorted set of the hour's pushes per phone); without it, or while Redis cannot be reached, in this instance's memory
/// (<see cref="PhonePushRateLimiter"/>), where with Redis configured each instance allows only its share
/// (<see cref="FleetLimits.PerInstance"/>): stricter, never looser, than the fleet's limit.
/// </summary>
/// <remarks>
/// Redis keys name a phone by an HMAC of its number (<see cref="FleetKeys"/>), not the number. Pushes allowed per instance during an outage are
/// not written to Redis afterwards: in the hour after Redis comes back, a phone may get up to the fleet's shares (about
/// one more limit) on top of what Redis counted.
/// </remarks>
internal sealed class PushRateLimiter : IPushRateLimiter
{
    private readonly FleetRedis _redis;
    private readonly FleetKeys _keys;
    private readonly ShieldMetrics _metrics;
    private readonly PhonePushRateLimiter _local;
    private readonly int _limit;

    public PushRateLimiter(FleetRedis redis, FleetKeys keys, IOptions<RateLimitOptions> options, TimeProvider clock, ShieldMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _keys = keys;
        _metrics = metrics;
        _limit = options.Value.PhonePushesPerHour;
        _local = new PhonePushRateLimiter(redis.IsConfigured ? FleetLimits.PerInstance(_limit, options.Value.FleetInstances) : _limit, clock);
    }

    public async ValueTask<PushPermit> AcquireAsync(Msisdn phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        if (await _redis.DatabaseAsync() is { } database)
        {
            try
            {
                var result = (long)await database.ScriptEvaluateAsync(RedisLimitScripts.SlidingLog, new
                {
                    key = _keys.Phone(phoneNumber),
                    window = (long)PhonePushRateLimiter.Window.TotalMilliseconds,
                    limit = _limit,
                    member = Guid.NewGuid().ToString("N"),
                });
                if (result < 0)
                {
                    return PushPermit.Granted;
                }

                _metrics.RateLimited(FleetLimits.PhonePushes, FleetLimits.FleetScope);
                return PushPermit.Refused(TimeSpan.FromMilliseconds(result));
            }
            catch (Exception exception) when (FleetRedis.IsRedisFailure(exception))
            {
                _redis.ReportFailure();
            }
        }

        if (_local.TryAcquire(phoneNumber, out var retryAfter))
        {
            return PushPermit.Granted;
        }

        _metrics.RateLimited(FleetLimits.PhonePushes, FleetLimits.InstanceScope);
        return PushPermit.Refused(retryAfter);
    }
}
