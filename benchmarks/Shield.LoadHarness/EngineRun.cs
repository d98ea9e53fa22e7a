using System.Collections.Concurrent;

namespace Shield.LoadHarness;

/// <summary>
/// One engine's run: start Shield and the baseline, each on its own fresh database and its own simulator, then measure
/// every scenario on the baseline and right after on Shield, so both see the same machine at nearly the same time.
/// </summary>
internal sealed class EngineRun(HarnessOptions options, DatabaseEngine engine, string folder, TextWriter progress)
{
    public async Task<EngineReport> RunAsync()
    {
        await using var databases = new Databases(engine, folder, options.PostgresAdmin);
        var report = await CompareAsync(databases);
        if (!options.Webhooks)
        {
            return report;
        }

        // On the database the comparison left, once its Shield and baseline are gone; phones after the comparison's.
        await using var simulator = await SimulatorHost.StartAsync();
        var webhooks = new WebhookRun(options, engine, new ShieldDatabase(engine, databases.ForShield), report.Payments,
            (extra, name) => StartShieldAsync(simulator, databases.ForShield, migrate: false, name, extra), progress);
        return report with { Webhooks = await webhooks.RunAsync() };
    }

    private async Task<EngineReport> CompareAsync(Databases databases)
    {
        // Shield migrates the baseline's database first (the baseline never creates schema), then its own: both fresh
        // starts are timed. The measured Shield then starts as in production: migrations applied, none on start.
        TimeSpan fresh;
        await using (var simulator = await SimulatorHost.StartAsync())
        {
            await (await StartShieldAsync(simulator, databases.ForBaseline, migrate: true, "shield-migrate-baseline-db")).DisposeAsync();

            await using var first = await StartShieldAsync(simulator, databases.ForShield, migrate: true, "shield-first-start");
            fresh = first.StartToReady;
        }

        var shieldSimulator = await SimulatorHost.StartAsync();
        var shieldServer = await StartShieldAsync(shieldSimulator, databases.ForShield, migrate: false, "shield");
        await using var shield = new ServiceUnderTest("Shield", shieldServer, shieldSimulator, options.Concurrency);
        var baselineSimulator = await SimulatorHost.StartAsync();
        var baselineServer = await StartBaselineAsync(baselineSimulator, databases.ForBaseline);
        await using var baseline = new ServiceUnderTest("baseline", baselineServer, baselineSimulator, options.Concurrency);
        progress.WriteLine($"  {engine}: Shield ready in {shieldServer.StartToReady.TotalMilliseconds:F0} ms " +
            $"(first start with migrations {fresh.TotalMilliseconds:F0} ms), baseline in {baselineServer.StartToReady.TotalMilliseconds:F0} ms");

        var w = options.Warmup;
        var p = options.Payments;
        var r = options.PacedCallbacks;
        var pending = new Dictionary<ServiceUnderTest, ConcurrentDictionary<int, PendingPayment>>
        {
            [shield] = new(),
            [baseline] = new(),
        };

        // (b) initiation. Warm-up payments and the paced run's payments are created too, but not measured.
        await BothAsync("initiation warm-up", s => InitiateAsync(s, Enumerable.Range(0, w), pending[s]));
        var initiation = await CompareAsync("(b) initiation", 0.40, p, (s, from, count) => InitiateAsync(s, Enumerable.Range(w + from, count), pending[s]));
        await BothAsync("paced run's payments", s => InitiateAsync(s, Enumerable.Range(w + p, r), pending[s]));

        // (a) callbacks settling those pending payments: closed loop for throughput, then paced for latency.
        await BothAsync("callback warm-up", s => s.Closed.RunClosedLoopAsync(Callbacks(pending[s], 0, w), options.Concurrency));
        var callbacks = await CompareAsync("(a) callbacks", 0.50, p,
            (s, from, count) => s.Closed.RunClosedLoopAsync(Callbacks(pending[s], w + from, count), options.Concurrency));
        var paced = new Dictionary<ServiceUnderTest, Measurement>();
        foreach (var service in new[] { baseline, shield })
        {
            paced[service] = await service.LoadAsync(s => s.Paced.RunAtRateAsync(Callbacks(pending[s], w + p, r), options.CallbackRate));
            progress.WriteLine($"  {engine} callbacks at {options.CallbackRate}/s, {service.Name}: p99 {paced[service].P99:F1} ms, {paced[service].Errors} errors");
        }

        // (c) GET and (d) listing, over the settled payments; every GET answer must say Completed.
        await databases.AnalyzeAsync();
        var readBack = new Dictionary<ServiceUnderTest, int> { [shield] = 0, [baseline] = 0 };
        await BothAsync("GET warm-up", s => s.Closed.RunClosedLoopAsync(Gets(pending[s], Math.Min(w, 200), seed: 1), options.Concurrency));
        var gets = await CompareAsync("(c) GET payment", 0.70, options.Gets, (s, from, count) => s.Closed.RunClosedLoopAsync(
            Gets(pending[s], count, seed: from), options.Concurrency, (_, body) => CountCompleted(readBack, s, body)));
        await BothAsync("list warm-up", s => s.Closed.RunClosedLoopAsync(Lists(Math.Min(w, 100)), options.Concurrency));
        var lists = await CompareAsync("(d) list payments", null, options.Lists, (s, _, count) => s.Closed.RunClosedLoopAsync(Lists(count), options.Concurrency));

        return new EngineReport
        {
            Engine = engine,
            Scenarios = [callbacks, initiation, gets, lists],
            PacedShield = paced[shield],
            PacedBaseline = paced[baseline],
            PacedRate = options.CallbackRate,
            FreshStartToReady = fresh,
            StartToReady = shieldServer.StartToReady,
            BaselineStartToReady = baselineServer.StartToReady,
            ShieldPeakBytes = shield.PeakResidentBytes,
            BaselinePeakBytes = baseline.PeakResidentBytes,
            ShieldMedianBytes = shield.MedianResidentBytes,
            BaselineMedianBytes = baseline.MedianResidentBytes,
            Payments = w + p + r,
            ShieldTokenRequests = shieldSimulator.TokenRequests,
            ShieldReadBack = (readBack[shield], options.Gets),
            BaselineReadBack = (readBack[baseline], options.Gets),
        };

        // The scenario's requests are split into rounds, one service after the other in each, so that drift on a
        // shared machine (other processes, the database's own background work) falls on both alike.
        async Task<ScenarioResult> CompareAsync(string name, double? minRatio, int total, Func<ServiceUnderTest, int, int, Task<Measurement>> run)
        {
            var onBaseline = new List<Measurement>();
            var onShield = new List<Measurement>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var from = total * round / options.Rounds;
                var count = (total * (round + 1) / options.Rounds) - from;
                // Who goes first alternates, so background work one leaves behind (checkpoints, autovacuum) falls on both.
                if (round % 2 == 0)
                {
                    onBaseline.Add(await baseline.LoadAsync(s => run(s, from, count)));
                    onShield.Add(await shield.LoadAsync(s => run(s, from, count)));
                }
                else
                {
                    onShield.Add(await shield.LoadAsync(s => run(s, from, count)));
                    onBaseline.Add(await baseline.LoadAsync(s => run(s, from, count)));
                }
            }

            return Report(name, minRatio, Measurement.Combine(onShield), Measurement.Combine(onBaseline));
        }

        ScenarioResult Report(string name, double? minRatio, Measurement onShield, Measurement onBaseline)
        {
            var result = new ScenarioResult(name, onShield, onBaseline, minRatio);
            progress.WriteLine($"  {engine} {name}: Shield {onShield.Throughput:F0}/s, baseline {onBaseline.Throughput:F0}/s, ratio {result.Ratio:P0}" +
                $"{ErrorText(onShield, "Shield")}{ErrorText(onBaseline, "baseline")}");
            return result;
        }

        async Task BothAsync(string what, Func<ServiceUnderTest, Task<Measurement>> run)
        {
            foreach (var service in new[] { baseline, shield })
            {
                var measured = await service.LoadAsync(run);
                if (measured.Errors > 0)
                {
                    throw new InvalidOperationException($"{service.Name}, {what}: {measured.Errors} errors; first: {measured.FirstError}");
                }
            }
        }
    }

    private async Task<Measurement> InitiateAsync(ServiceUnderTest service, IEnumerable<int> phones, ConcurrentDictionary<int, PendingPayment> pending)
    {
        var indexes = phones.ToArray();
        var requests = indexes.Select(Requests.Initiate).ToArray();
        return await service.Closed.RunClosedLoopAsync(requests, options.Concurrency,
            (i, body) => pending[indexes[i]] = PendingPayment.FromAnswer(indexes[i], body));
    }

    private static LoadRequest[] Callbacks(ConcurrentDictionary<int, PendingPayment> pending, int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => Requests.SuccessCallback(pending[i]))];

    private static LoadRequest[] Gets(ConcurrentDictionary<int, PendingPayment> pending, int count, int seed)
    {
        var random = new Random(seed);
        var ids = pending.Values.Select(x => x.Id).Order().ToArray();
        return [.. Enumerable.Range(0, count).Select(_ => Requests.Get(ids[random.Next(ids.Length)]))];
    }

    private static LoadRequest[] Lists(int count) => [.. Enumerable.Range(0, count).Select(i => Requests.List(1 + (i % 5)))];

    private static void CountCompleted(Dictionary<ServiceUnderTest, int> readBack, ServiceUnderTest service, string body)
    {
        if (body.Contains("\"status\":\"Completed\"", StringComparison.Ordinal))
        {
            lock (readBack)
            {
                readBack[service]++;
            }
        }
    }

    private static string ErrorText(Measurement m, string who) => m.Errors == 0 ? "" : $", {who} {m.Errors} errors (first: {m.FirstError})";

    private async Task<ServerProcess> StartShieldAsync(SimulatorHost simulator, string connectionString, bool migrate, string logName,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = engine == DatabaseEngine.Sqlite ? "Sqlite" : "Postgres",
            ["ConnectionStrings__Shield"] = connectionString,
            ["Database__MigrateOnStartup"] = migrate ? "true" : "false",
            // The reconciler would query the pending payments (and the simulator reveal them as paid) before their
            // callbacks are sent; the harness measures the request paths alone.
            ["Reconciliation__Enabled"] = "false",
            ["RateLimits__ClientRequestsPerMinute"] = "1000000",
        }.WithDaraja(simulator.BaseUrl, "{self}");
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return await ServerProcess.StartAsync(logName, Repository.ShieldDll, environment, Path.Combine(folder, $"{engine}-{logName}.log"));
    }

    private async Task<ServerProcess> StartBaselineAsync(SimulatorHost simulator, string connectionString)
    {
        var environment = new Dictionary<string, string>
        {
            ["Baseline__Provider"] = engine == DatabaseEngine.Sqlite ? "Sqlite" : "Postgres",
            ["Baseline__ConnectionString"] = connectionString,
            ["Baseline__DarajaBaseUrl"] = simulator.BaseUrl.ToString(),
            ["Baseline__CallbackBaseUrl"] = "{self}",
            ["Baseline__ApiKey"] = HarnessCredentials.ApiKey,
            ["Baseline__ClientId"] = HarnessCredentials.ClientId,
            ["Baseline__CallbackSecret"] = HarnessCredentials.CallbackSecret,
            ["Baseline__ConsumerKey"] = HarnessCredentials.ConsumerKey,
            ["Baseline__ConsumerSecret"] = HarnessCredentials.ConsumerSecret,
            ["Baseline__BusinessShortCode"] = HarnessCredentials.BusinessShortCode,
            ["Baseline__Passkey"] = HarnessCredentials.Passkey,
        };
        return await ServerProcess.StartAsync("baseline", Repository.BaselineDll, environment, Path.Combine(folder, $"{engine}-baseline.log"));
    }
}
