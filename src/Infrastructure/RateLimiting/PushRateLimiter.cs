using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.Infrastructure.Fleet;
using StackExchange.Redis;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// RateLimits:PhonePushesPerHour over a sliding hour. With Cache:Redis it is counted in Redis for the whole fleet (a
/// sorted set of the hour's pushes per phone); without it, or while Redis cannot be reached, in this instance's memory
/// (<see cref="PhonePushRateLimiter"/>), where with Redis configured each instance allows only its share
/// (<see cref="FleetLimits.PerInstance"/>): stricter, never looser, than the fleet's limit.
/// </summary>
/// <remarks>
/// Redis keys name a phone by a hash of its number, not the number. Pushes allowed per instance during an outage are
/// not written to Redis afterwards: across the moment Redis comes back, a phone may get its share more than the hour's
/// limit would give it.
/// </remarks>
internal sealed class PushRateLimiter : IPushRateLimiter
{
    private readonly FleetRedis _redis;
    private readonly ShieldMetrics _metrics;
    private readonly PhonePushRateLimiter _local;
    private readonly int _limit;

    public PushRateLimiter(FleetRedis redis, IOptions<RateLimitOptions> options, TimeProvider clock, ShieldMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
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
                    key = Key(phoneNumber),
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

    /// <summary>shield:rl:phone:{first 16 bytes of SHA-256 of the MSISDN, hex}.</summary>
    private static RedisKey Key(Msisdn phoneNumber) =>
        "shield:rl:phone:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(phoneNumber.Value)).AsSpan(0, 16));
}
