using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Shield.Infrastructure.Fleet;

/// <summary>
/// The one Redis connection of the process (Cache:Redis), and whether to use it now. Shield starts while Redis is down:
/// the connection is made in the background (AbortOnConnectFail off) and remade by StackExchange.Redis whenever it
/// drops. A request never waits long on Redis: short timeouts, commands fail at once while disconnected (no backlog),
/// and after a failure Redis is skipped for <see cref="SkipAfterFailure"/>, so a down Redis costs one timeout per few
/// seconds, not one per request. Callers fall back to their per-instance behaviour when <see cref="DatabaseAsync"/>
/// gives nothing.
/// </summary>
internal sealed partial class FleetRedis : IHostedService, IAsyncDisposable
{
    internal static readonly TimeSpan SkipAfterFailure = TimeSpan.FromSeconds(3);

    /// <summary>How long a first caller waits for the first connection (afterwards the state is known at once).</summary>
    private static readonly TimeSpan FirstConnectWait = TimeSpan.FromSeconds(2);

    private readonly ConfigurationOptions? _configuration;
    private readonly TimeProvider _clock;
    private readonly ILogger<FleetRedis> _logger;
    private readonly Lock _connectGate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private long _skipUntil;
    private int _down;

    public FleetRedis(IOptions<CacheOptions> options, TimeProvider clock, ILogger<FleetRedis> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _logger = logger;
        if (options.Value.Redis is { Length: > 0 } connectionString)
        {
            _configuration = Configure(connectionString);
        }
    }

    /// <summary>Cache:Redis is set: the fleet's state is meant to be in Redis (whether or not it can be reached now).</summary>
    public bool IsConfigured => _configuration is not null;

    /// <summary>The connection for the cache library (HybridCache's Redis level), made once and shared.</summary>
    public async Task<IConnectionMultiplexer> ConnectionAsync() => await Connecting();

    /// <summary>The database to use now, or null: not configured, not connected, or skipped after a recent failure.</summary>
    public async ValueTask<IDatabase?> DatabaseAsync()
    {
        if (_configuration is null || _clock.GetTimestamp() < Volatile.Read(ref _skipUntil))
        {
            return null;
        }

        var connecting = Connecting();
        ConnectionMultiplexer connection;
        try
        {
            connection = connecting.IsCompletedSuccessfully ? connecting.Result : await connecting.WaitAsync(FirstConnectWait);
        }
        catch (TimeoutException)
        {
            return null;
        }

        if (!connection.IsConnected)
        {
            ReportFailure();
            return null;
        }

        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRedisBack(_logger);
        }

        return connection.GetDatabase();
    }

    /// <summary>A Redis call failed or timed out: the callers use their per-instance behaviour for a few seconds.</summary>
    public void ReportFailure()
    {
        Volatile.Write(ref _skipUntil, _clock.GetTimestamp() + (long)(SkipAfterFailure.TotalSeconds * _clock.TimestampFrequency));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogRedisDown(_logger, (int)SkipAfterFailure.TotalSeconds);
        }
    }

    /// <summary>Whether Redis answers a PING now (the health check's question: it ignores the skip period).</summary>
    public async Task<bool> PingAsync()
    {
        if (_configuration is null)
        {
            return false;
        }

        try
        {
            var connection = await Connecting().WaitAsync(FirstConnectWait);
            if (!connection.IsConnected)
            {
                return false;
            }

            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            return false;
        }
    }

    /// <summary>The failures that mean "Redis cannot be used now", as opposed to bugs.</summary>
    public static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_configuration is not null)
        {
            _ = Connecting(); // in the background: the host starts whether Redis answers or not
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connecting is { } connecting)
        {
            try
            {
                await (await connecting).DisposeAsync();
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                // never connected: nothing to close
            }
        }
    }

    /// <summary>Explicit timeouts in the connection string are kept; the defaults here are short, for a request must not hang.</summary>
    private static ConfigurationOptions Configure(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!Mentions(connectionString, "connectTimeout"))
        {
            configuration.ConnectTimeout = 1500;
        }

        if (!Mentions(connectionString, "syncTimeout"))
        {
            configuration.SyncTimeout = 1000;
        }

        if (!Mentions(connectionString, "asyncTimeout"))
        {
            configuration.AsyncTimeout = 1000;
        }

        configuration.ClientName ??= "shield";
        return configuration;
    }

    private static bool Mentions(string connectionString, string option) => connectionString.Contains(option + "=", StringComparison.OrdinalIgnoreCase);

    private Task<ConnectionMultiplexer> Connecting()
    {
        if (Volatile.Read(ref _connecting) is { } connecting)
        {
            return connecting;
        }

        lock (_connectGate)
        {
            return _connecting ??= ConnectionMultiplexer.ConnectAsync(_configuration!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis (Cache:Redis) cannot be reached: the OAuth token and the rate limits are per instance (limits divided by RateLimits:FleetInstances), Redis is tried again after {Seconds} s")]
    private static partial void LogRedisDown(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis (Cache:Redis) reachable again: the OAuth token and the rate limits are shared by the fleet")]
    private static partial void LogRedisBack(ILogger logger);
}
