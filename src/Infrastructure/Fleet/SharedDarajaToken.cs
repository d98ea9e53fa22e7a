using Medallion.Threading.Redis;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace Shield.Infrastructure.Fleet;

/// <summary>
/// The fleet's one Daraja token (Cache:Redis): kept in HybridCache, whose second level is Redis, and refreshed by one
/// instance at a time under a Redis lock (DistributedLock.Redis). Whoever holds the lock looks in Redis again and asks
/// Daraja only if the token is still missing (or is the one Daraja just called invalid), so the fleet asks for one
/// token per lifetime. The token provider keeps the token in its own memory until its refresh time, so this is asked
/// only when a token is due; HybridCache's in-memory level is bypassed for this entry, as the provider already is one.
/// Null means "Redis cannot be used now": the provider then fetches its own token, as a single instance does.
/// </summary>
internal sealed partial class SharedDarajaToken(HybridCache cache, FleetRedis redis, TimeProvider clock, ILogger<SharedDarajaToken> logger)
{
    /// <summary>The cache key (not secret; the value is). Redis holds it under the HybridCache instance prefix.</summary>
    internal const string Key = "daraja:oauth-token";

    internal const string LockName = "shield:daraja:oauth-token:refresh";

    /// <summary>Longer than a token request normally takes; past it, this instance stops waiting for the holder and fetches its own.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <param name="rejected">The token Daraja last called invalid on this instance: found in Redis, it is replaced, not used.</param>
    /// <param name="fetch">Asks Daraja for a token (this instance's own request, with its retries).</param>
    /// <param name="cancellationToken">The caller's.</param>
    public async Task<DarajaToken?> GetAsync(string? rejected, Func<CancellationToken, Task<DarajaToken>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (await redis.DatabaseAsync() is not { } database)
        {
            return null;
        }

        DarajaToken? fetched = null;
        try
        {
            if (await ReadAsync(rejected, cancellationToken) is { } shared)
            {
                return shared;
            }

            var refreshLock = new RedisDistributedLock(LockName, database, options => options
                .Expiry(TimeSpan.FromSeconds(30))
                .BusyWaitSleepTime(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)));
            await using var handle = await refreshLock.TryAcquireAsync(LockWait, cancellationToken);
            if (await ReadAsync(rejected, cancellationToken) is { } refreshedByAnother)
            {
                return refreshedByAnother;
            }

            if (handle is null)
            {
                LogLockNotTaken(logger, (int)LockWait.TotalSeconds);
                return null;
            }

            fetched = await fetch(cancellationToken);
            await cache.SetAsync(Key, fetched.Serialize(), new HybridCacheEntryOptions
            {
                Expiration = Max(fetched.RefreshAt - clock.GetUtcNow(), TimeSpan.FromSeconds(1)),
                Flags = HybridCacheEntryFlags.DisableLocalCache,
            }, cancellationToken: cancellationToken);
            return fetched;
        }
        catch (Exception exception) when (FleetRedis.IsRedisFailure(exception))
        {
            redis.ReportFailure();
            return fetched; // a token already obtained from Daraja is used even if it could not be shared
        }
    }

    private async Task<DarajaToken?> ReadAsync(string? rejected, CancellationToken cancellationToken)
    {
        var stored = await cache.GetOrCreateAsync(Key, static _ => ValueTask.FromResult<string?>(null), ReadOnly, cancellationToken: cancellationToken);
        return DarajaToken.Deserialize(stored) is { } token && token.IsUsable(clock.GetUtcNow(), rejected) ? token : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance held the Daraja token refresh lock for {Seconds} s: this instance asks Daraja for its own token")]
    private static partial void LogLockNotTaken(ILogger logger, int seconds);
}
