using StackExchange.Redis;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// The two limits as Redis scripts, each one atomic step on the server and timed by the server's clock (TIME), so every
/// instance counts on the same clock. Each answers -1 when the request is allowed, or the milliseconds until it would be.
/// </summary>
internal static class RedisLimitScripts
{
    /// <summary>
    /// A sliding log: a sorted set of the pushes (score: when, in ms) of the last window. KEYS[1] the phone's set;
    /// ARGV: window (ms), limit, a unique member for this push.
    /// </summary>
    public static readonly LuaScript SlidingLog = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(@window)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
          redis.call('ZADD', @key, now, @member)
          redis.call('PEXPIRE', @key, window)
          return -1
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return tonumber(oldest[2]) + window - now
        """);

    /// <summary>
    /// A fixed window aligned on the server's clock: one hash per client holding the window's start (w) and its count
    /// (n). KEYS[1] the client's hash; ARGV: window (ms), limit.
    /// </summary>
    public static readonly LuaScript FixedWindow = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(@window)
        local started = now - (now % window)
        if tonumber(redis.call('HGET', @key, 'w') or '-1') ~= started then
          redis.call('HSET', @key, 'w', started, 'n', 0)
          redis.call('PEXPIRE', @key, window + 1000)
        end
        if redis.call('HINCRBY', @key, 'n', 1) <= tonumber(@limit) then
          return -1
        end
        return started + window - now
        """);
}
