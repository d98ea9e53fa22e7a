using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Shield.LoadHarness;

/// <summary>
/// The fleet on one machine (issue 17): its own redis-server, 3 Shield instances on one fresh PostgreSQL database
/// with <c>Cache:Redis</c>, behind its own nginx; the simulator as Daraja (its callbacks go to nginx, so they land on
/// any instance) and a webhook receiver. Payments are started concurrently through nginx, 30 % of them sent twice
/// with the same Idempotency-Key (half at the same moment, half after the first answer), 10 % with their callback in
/// before Shield has the push's answer; one instance is killed (SIGKILL) at ~30 % and another at ~65 % of the
/// payments, each restarted on its port with the same settings. Then every check of the issue is made.
/// </summary>
internal sealed class FleetRun(HarnessOptions options, string folder, TextWriter progress)
{
    public const int Instances = 3;
    private const double DuplicateShare = 0.30;
    private static readonly double[] KillAt = [0.30, 0.65];
    private static readonly TimeSpan SimulatedCustomer = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(150);

    /// <summary>5xx this close after a kill (or before its instance is ready again, plus this) are the kill's, reported, not failed.</summary>
    public static readonly TimeSpan KillWindow = TimeSpan.FromSeconds(5);

    private readonly string _tag = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    public async Task<FleetReport> RunAsync()
    {
        ToolProcess.Require(NginxProxy.Binary, "nginx");
        ToolProcess.Require(RedisServer.Binary, "redis-server");
        var n = options.FleetPayments;
        var plan = Plan(n);
        var earlyPhones = plan.Where(p => p.Early).Select(p => p.Phone).ToHashSet(StringComparer.Ordinal);

        var (redisProcess, redis) = await RedisServer.StartAsync(folder);
        await using var redisServer = redisProcess;
        using var early = new EarlyCallbacks(earlyPhones.Contains);
        await using var simulator = await SimulatorHost.StartAsync(SimulatedCustomer, early.InvokeAsync);
        await using var receivers = await WebhookReceivers.StartAsync();
        await using var database = new FleetDatabase(options.PostgresAdmin, "fleet");
        var ports = Enumerable.Range(0, Instances).Select(_ => ServerProcess.FreePort()).ToArray();
        await using var nginx = await NginxProxy.StartAsync(folder, "nginx-fleet", ports);
        var settings = ShieldFleet.Settings(database.ConnectionString, simulator.BaseUrl, nginx.BaseUrl, redis, Instances);
        await database.MigrateAsync(folder, settings);
        simulator.Journal.Clear(); // the migrating start is not the fleet: count the fleet's tokens only
        await using var fleet = ShieldFleet.WithPorts(folder, ports, settings);
        var startClock = Stopwatch.StartNew();
        await fleet.StartAllAsync();
        var startToReady = startClock.Elapsed;
        progress.WriteLine(Invariant($"  fleet: redis-server {redis}, nginx {nginx.BaseUrl}, {Instances} Shield instances on ports {string.Join(", ", ports)} ") +
            Invariant($"ready in {startToReady.TotalSeconds:F1} s (schema migrated in {database.MigratedIn.TotalSeconds:F1} s); logs in {folder}"));

        var inbox = receivers.Open("fleet");
        using (var api = new ShieldApi(nginx.BaseUrl, new HarnessClient(HarnessCredentials.ClientId, HarnessCredentials.ApiKey)))
        {
            await api.RegisterAsync(inbox);
        }

        using var client = new FleetClient(nginx.BaseUrl, options.FleetConcurrency * 2 + 4);
        var firsts = new Initiation?[n];
        var seconds = new Initiation?[n];
        var accepted = new List<Guid>();
        var observations = new ConcurrentBag<Observation>();
        var kills = new List<Kill>();
        var done = 0;
        var loadDone = new CancellationTokenSource();
        var loadClock = Stopwatch.StartNew();
        var killer = KillAsync(fleet, () => Volatile.Read(ref done), n, kills, loadDone.Token);
        var readers = Enumerable.Range(0, 2).Select(r => ReadAsync(client, accepted, observations, r, loadDone.Token)).ToArray();
        var next = -1;
        var workers = Enumerable.Range(0, options.FleetConcurrency).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var p = plan[i];
                if (p.Duplicate && p.DuplicateAtOnce)
                {
                    var both = await Task.WhenAll(client.InitiateAsync(p.Phone, p.Key), client.InitiateAsync(p.Phone, p.Key));
                    (firsts[i], seconds[i]) = (both[0], both[1]);
                }
                else
                {
                    firsts[i] = await client.InitiateAsync(p.Phone, p.Key);
                    if (p.Duplicate)
                    {
                        seconds[i] = await client.InitiateAsync(p.Phone, p.Key);
                    }
                }

                foreach (var id in new[] { firsts[i]?.PaymentId, seconds[i]?.PaymentId }.Where(x => x is not null).Distinct())
                {
                    lock (accepted)
                    {
                        accepted.Add(id!.Value);
                    }
                }

                Interlocked.Increment(ref done);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var loadTook = loadClock.Elapsed;
        await killer;
        await loadDone.CancelAsync();
        await Task.WhenAll(readers);
        progress.WriteLine(Invariant($"  fleet: {n} payments started in {loadTook.TotalSeconds:F1} s ({n / loadTook.TotalSeconds:F0}/s); ") +
            Invariant($"{firsts.Count(f => f?.PaymentId is not null)} first requests answered 202"));

        // Settled: every payment Daraja was asked about completes (callback, early callback, or the reconciler).
        var settleClock = Stopwatch.StartNew();
        var keys = plan.ToDictionary(p => p.Key, p => p, StringComparer.Ordinal);
        IReadOnlyList<StoredPayment> payments = [];
        Dictionary<string, int> pushes = [];
        while (settleClock.Elapsed < SettleTimeout)
        {
            payments = await PaymentsAsync(database);
            pushes = EarlyCallbacks.PushesPerPhone(simulator.Journal.Requests);
            if (payments.Where(p => MustComplete(p, firsts, seconds, plan, keys, pushes)).All(p => p.Status == "Completed"))
            {
                break;
            }

            await Task.Delay(500);
        }

        var settledAfter = settleClock.Elapsed;
        var events = await EventsAsync(database);
        var expected = events.Select(e => (e.PaymentId, e.Type)).ToHashSet();
        var webhooksClock = Stopwatch.StartNew();
        var allReceived = await inbox.WaitUntilAsync(r => r.Select(x => (x.PaymentId, x.Type)).ToHashSet().IsSupersetOf(expected), SettleTimeout);
        var webhooksAfter = webhooksClock.Elapsed;
        await Task.Delay(1_000); // a stray late POST or log line
        events = await EventsAsync(database);
        expected = [.. events.Select(e => (e.PaymentId, e.Type))];
        payments = await PaymentsAsync(database);
        pushes = EarlyCallbacks.PushesPerPhone(simulator.Journal.Requests);
        var callbacks = await CallbackCountsAsync(database, "Outcome");
        var sources = await CallbackCountsAsync(database, "RemoteAddress");
        var log = nginx.ReadAccessLog();
        return FleetReport.Build(new FleetFacts
        {
            Concurrency = options.FleetConcurrency,
            Plan = plan,
            Firsts = firsts,
            Seconds = seconds,
            Payments = payments,
            Events = events,
            Received = inbox.Snapshot(),
            Delivery = DeliveryCheck.Of(inbox, expected),
            AllReceived = allReceived,
            Pushes = pushes,
            EarlyPosted = early.Posted,
            EarlyAnswers = early.Answers,
            Callbacks = callbacks,
            CallbackSources = sources,
            Kills = [.. kills.OrderBy(k => k.At)],
            AccessLog = log,
            Observations = [.. observations],
            Tokens = simulator.TokenRequests,
            LoadTook = loadTook,
            SettledAfter = settledAfter,
            WebhooksAfter = webhooksAfter,
            StartToReady = startToReady,
            Folder = folder,
        });
    }

    /// <summary>A payment must end Completed when its client had a 202 for it or Daraja got its push: the customer has (or had) the prompt and pays.</summary>
    internal static bool MustComplete(StoredPayment payment, Initiation?[] firsts, Initiation?[] seconds, IReadOnlyList<PlannedPayment> plan,
        Dictionary<string, PlannedPayment> keys, Dictionary<string, int> pushes)
    {
        if (payment.IdempotencyKey is not { } key || !keys.TryGetValue(key, out var planned))
        {
            return true;
        }

        return firsts[planned.Index]?.PaymentId is not null || seconds[planned.Index]?.PaymentId is not null || pushes.ContainsKey(plan[planned.Index].Phone);
    }

    private List<PlannedPayment> Plan(int n)
    {
        var random = new Random(17);
        var duplicates = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take((int)Math.Round(n * DuplicateShare)).ToHashSet();
        return [.. Enumerable.Range(0, n).Select(i =>
        {
            var early = i % 10 == 3;
            // 0000: the simulator never calls back (the early hook does); 0100: it pays and calls back SimulatedCustomer later.
            var phone = string.Create(CultureInfo.InvariantCulture, $"2547{i:D4}{(early ? "0000" : "0100")}");
            return new PlannedPayment(i, phone, $"fleet-{_tag}-{i}", early, duplicates.Contains(i), duplicates.Contains(i) && i % 2 == 0);
        })];
    }

    /// <summary>
    /// Each kill waits for its share of the payments, kills its instance (2, then 3) and restarts it on its port. The
    /// kills do not wait for each other's restart (a restart under load can take longer than the payments between
    /// the two shares), so the second one still falls in the middle of the load.
    /// </summary>
    private Task KillAsync(ShieldFleet fleet, Func<int> done, int total, List<Kill> kills, CancellationToken stop) =>
        Task.WhenAll(KillAt.Select(async (share, k) =>
        {
            while (done() < total * share)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(5, CancellationToken.None);
            }

            var index = 1 + (k % (fleet.Count - 1));
            var at = DateTimeOffset.UtcNow;
            var atShare = done() / (double)total;
            await fleet.KillAsync(index);
            var killedAt = Stopwatch.GetTimestamp();
            progress.WriteLine(Invariant($"  fleet: instance {index + 1} killed (SIGKILL) at {atShare:P0} of {total} payments"));
            var restartTook = await fleet.StartAsync(index);
            var ready = DateTimeOffset.UtcNow;
            lock (kills)
            {
                kills.Add(new Kill(index + 1, atShare, at, ready, restartTook));
            }

            progress.WriteLine(Invariant($"  fleet: instance {index + 1} restarted on its port, ready {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:F1} s after its kill ") +
                Invariant($"(process start to ready {restartTook.TotalMilliseconds:F0} ms; {done()} of {total} payments started by then)"));
        }));

    /// <summary>GETs of payments already accepted, while the load runs: what each answered, and when (for the no-downgrade check).</summary>
    private static async Task ReadAsync(FleetClient client, List<Guid> accepted, ConcurrentBag<Observation> observations, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            Guid id;
            lock (accepted)
            {
                id = accepted.Count == 0 ? Guid.Empty : accepted[random.Next(accepted.Count)];
            }

            if (id == Guid.Empty)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var (code, status) = await client.GetAsync(id);
            observations.Add(new Observation(id, started, Stopwatch.GetTimestamp(), code, status));
        }
    }

    private static async Task<IReadOnlyList<StoredPayment>> PaymentsAsync(FleetDatabase database)
    {
        const string sql = """
            SELECT p."Id", p."IdempotencyKey", p."PhoneNumber", p."Status", p."ReviewReason",
                   (SELECT COUNT(*) FROM "PaymentAttempts" a WHERE a."PaymentId" = p."Id"),
                   (SELECT string_agg(a."Status", ',' ORDER BY a."Number") FROM "PaymentAttempts" a WHERE a."PaymentId" = p."Id")
            FROM "Payments" p WHERE p."ClientId" = @client
            """;
        await using var connection = database.Open();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("client", HarnessCredentials.ClientId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredPayment>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredPayment(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? "" : reader.GetString(6)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<StoredEvent>> EventsAsync(FleetDatabase database)
    {
        await using var connection = database.Open();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id", "PaymentId", "Type", "Sequence" FROM "Events" WHERE "ClientId" = @client""", connection);
        command.Parameters.AddWithValue("client", HarnessCredentials.ClientId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredEvent>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredEvent(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }

    /// <summary>Stored callbacks counted by one column (Outcome, RemoteAddress).</summary>
    private static async Task<IReadOnlyDictionary<string, int>> CallbackCountsAsync(FleetDatabase database, string column)
    {
        await using var connection = database.Open();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT "{column}", COUNT(*) FROM "CallbackInbox" GROUP BY "{column}" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.IsDBNull(0) ? "(none)" : reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return rows;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One payment of the plan: its phone (its own), Idempotency-Key, and whether its callback is early and it is sent twice (at once, or after the first answer).</summary>
internal sealed record PlannedPayment(int Index, string Phone, string Key, bool Early, bool Duplicate, bool DuplicateAtOnce);

/// <summary>A payment as Shield stored it: status, review reason, attempts and their statuses.</summary>
internal sealed record StoredPayment(Guid Id, string? IdempotencyKey, string Phone, string Status, string? ReviewReason, int Attempts, string AttemptStatuses);

/// <summary>An outbox event Shield stored for the harness's client.</summary>
internal sealed record StoredEvent(Guid Id, Guid PaymentId, string Type, int Sequence);

/// <summary>One kill: which instance (1-based), at what share of the payments, when, when its restart was ready, and the restart's start-to-ready.</summary>
internal sealed record Kill(int Instance, double AtShare, DateTimeOffset At, DateTimeOffset ReadyAt, TimeSpan RestartToReady);

/// <summary>One GET during the load: which payment, when it started and ended (stopwatch ticks), its status code and the payment's status.</summary>
internal sealed record Observation(Guid PaymentId, long Started, long Ended, int Code, string? Status);
