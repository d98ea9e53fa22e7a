using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// RateLimits:PhonePushesPerHour over a sliding hour, per phone, in this instance's memory. (The hard guarantee across
/// instances is the database's one-push-in-flight-per-phone index.) Each phone pushed to in the last hour keeps only
/// the times of those pushes; phones quiet for an hour are swept every few minutes. The port
/// (<see cref="PushRateLimiter"/>) asks it alone without Cache:Redis, and while Redis cannot be reached.
/// </summary>
/// <remarks>
/// This replaced .NET's partitioned sliding-window limiter, which kept a limiter and a timer per phone for the whole
/// hour and walked every partition ten times a second: 624 B per new phone, and a walk of 100,000 partitions every
/// 100 ms on an hour with 100,000 customers (docs/performance.md).
/// </remarks>
internal sealed class PhonePushRateLimiter
{
    internal static readonly TimeSpan Window = TimeSpan.FromHours(1);
    internal static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, PushTimes> _phones = new(StringComparer.Ordinal);
    private readonly int _permits;
    private readonly TimeProvider _clock;
    private readonly long _window;
    private readonly long _sweepEvery;
    private long _nextSweep;

    /// <remarks>Times are the clock's monotonic timestamps: a wall-clock step (NTP) neither resets nor extends a budget.</remarks>
    public PhonePushRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.PhonePushesPerHour, clock)
    {
    }

    /// <param name="permits">Pushes per phone per hour this instance allows.</param>
    /// <param name="clock">Its monotonic timestamps time the pushes.</param>
    public PhonePushRateLimiter(int permits, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _permits = permits;
        _clock = clock;
        _window = (long)(Window.TotalSeconds * clock.TimestampFrequency);
        _sweepEvery = (long)(SweepEvery.TotalSeconds * clock.TimestampFrequency);
        _nextSweep = clock.GetTimestamp() + _sweepEvery;
    }

    /// <summary>Phones with a push in the last hour (or not yet swept): what the limiter holds in memory.</summary>
    internal int TrackedPhones => _phones.Count;

    public bool TryAcquire(Msisdn phoneNumber, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        var now = _clock.GetTimestamp();
        SweepIfDue(now);
        while (true)
        {
            var times = _phones.GetOrAdd(phoneNumber.Value, static _ => new PushTimes());
            lock (times)
            {
                if (times.Swept)
                {
                    continue; // removed by a sweep between the lookup and the lock: take the fresh entry
                }

                times.DropAtOrBefore(now - _window);
                if (times.Count < _permits)
                {
                    times.Add(now);
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = _clock.GetElapsedTime(now, times.Oldest + _window);
                return false;
            }
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _sweepEvery, due) != due)
        {
            return;
        }

        foreach (var (phone, times) in _phones)
        {
            lock (times)
            {
                times.DropAtOrBefore(now - _window);
                if (times.Count == 0)
                {
                    times.Swept = true;
                    _phones.TryRemove(new KeyValuePair<string, PushTimes>(phone, times));
                }
            }
        }
    }
}
