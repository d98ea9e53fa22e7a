using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Shield.LoadHarness;

/// <summary>
/// Shield instances on one PostgreSQL database, each on its own fixed loopback port (nginx's upstreams), all with the
/// same settings; one can be killed (SIGKILL) and restarted on its port with those settings.
/// </summary>
internal sealed class ShieldFleet : IAsyncDisposable
{
    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ServerProcess?[] _instances;
    private readonly int[] _starts;

    private ShieldFleet(string folder, IReadOnlyDictionary<string, string> environment, int[] ports)
    {
        _folder = folder;
        _environment = environment;
        Ports = ports;
        _instances = new ServerProcess?[ports.Length];
        _starts = new int[ports.Length];
    }

    public IReadOnlyList<int> Ports { get; }

    public int Count => Ports.Count;

    public ServerProcess Instance(int index) => _instances[index] ?? throw new InvalidOperationException($"Instance {index + 1} is not running.");

    /// <summary>Instances whose process is running now.</summary>
    public IEnumerable<ServerProcess> Running => _instances.Where(i => i is not null).Select(i => i!);

    /// <summary>A fleet on <paramref name="ports"/> (chosen before, so nginx is configured with them), none started yet.</summary>
    public static ShieldFleet WithPorts(string folder, int[] ports, IReadOnlyDictionary<string, string> environment) => new(folder, environment, ports);

    /// <summary>Starts every instance not running, one after the other (they share 2 cores).</summary>
    public async Task StartAllAsync()
    {
        for (var i = 0; i < Count; i++)
        {
            if (_instances[i] is null)
            {
                await StartAsync(i);
            }
        }
    }

    /// <summary>Starts instance <paramref name="index"/> on its port; returns its start-to-ready time.</summary>
    public async Task<TimeSpan> StartAsync(int index)
    {
        var start = ++_starts[index];
        var name = string.Create(CultureInfo.InvariantCulture, $"shield-{index + 1}{(start > 1 ? $"-restart{start - 1}" : "")}");
        var server = await ServerProcess.StartAsync(name, Repository.ShieldDll, _environment, Path.Combine(_folder, name + ".log"), Ports[index]);
        _instances[index] = server;
        return server.StartToReady;
    }

    /// <summary>SIGKILL of instance <paramref name="index"/>: no shutdown, its leases left held.</summary>
    public async Task KillAsync(int index)
    {
        if (_instances[index] is { } server)
        {
            _instances[index] = null;
            await server.KillAsync();
            await server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < Count; i++)
        {
            await KillAsync(i);
        }
    }

    /// <summary>
    /// The settings every fleet instance gets: PostgreSQL, the simulator as Daraja with callbacks to nginx, Redis,
    /// nginx believed for X-Forwarded-For, webhooks to loopback, and short reconciler and lease times so a killed
    /// instance's work is picked up within the run.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, Uri daraja, Uri proxy, string? redis, int instances)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Shield"] = connectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["RateLimits__ClientRequestsPerMinute"] = "1000000",
            ["RateLimits__FleetInstances"] = instances.ToString(CultureInfo.InvariantCulture),
            ["Reconciliation__Interval"] = "00:00:02",
            ["Reconciliation__FirstQueryAfter"] = "00:00:20",
            ["Reconciliation__ReprocessCallbacksAfter"] = "00:00:05",
            ["Reconciliation__ExpireAfter"] = "00:01:30",
            ["Events__LeaseDuration"] = "00:00:10",
            ["Webhooks__RequireHttps"] = "false",
            ["Webhooks__AllowedPrivateNetworks__0"] = "127.0.0.0/8",
            ["Webhooks__Timeout"] = "00:00:02",
            ["Webhooks__RetrySchedule__0"] = "00:00:00",
            ["Webhooks__RetrySchedule__1"] = "00:00:01",
            ["Webhooks__RetrySchedule__2"] = "00:00:02",
            ["Webhooks__RetrySchedule__3"] = "00:00:05",
            ["Webhooks__RetrySchedule__4"] = "00:00:10",
            ["Webhooks__RetrySchedule__5"] = "00:00:20",
            ["Webhooks__RetrySchedule__6"] = "00:00:30",
            ["Webhooks__RetrySchedule__7"] = "00:01:00",
        }.WithDaraja(daraja, proxy.ToString().TrimEnd('/'));
        if (redis is not null)
        {
            settings["Cache__Redis"] = redis;
        }

        return settings;
    }
}

/// <summary>A fresh PostgreSQL database for a fleet, migrated by one Shield start, dropped at the end.</summary>
internal sealed class FleetDatabase : IAsyncDisposable
{
    private const int PoolSizePerInstance = 20;
    private readonly string _admin;
    private readonly string _name;

    public FleetDatabase(string admin, string purpose)
    {
        _admin = admin;
        _name = string.Create(CultureInfo.InvariantCulture, $"shield_{purpose}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}");
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name, MaxPoolSize = PoolSizePerInstance }.ConnectionString;
    }

    /// <summary>What each instance connects with (its pool at most 20: three instances and the harness stay well under max_connections).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the schema by starting Shield once with Database:MigrateOnStartup, then stopping it.</summary>
    public async Task MigrateAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings) { ["Database__MigrateOnStartup"] = "true" };
        environment.Remove("Cache__Redis");
        var clock = Stopwatch.StartNew();
        await (await ServerProcess.StartAsync("shield-migrate", Repository.ShieldDll, environment, Path.Combine(folder, "shield-migrate.log"))).DisposeAsync();
        MigratedIn = clock.Elapsed;
    }

    public TimeSpan MigratedIn { get; private set; }

    /// <summary>A read-only connection of the harness's own (no pool left open).</summary>
    public NpgsqlConnection Open() =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\"", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
