using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Shield.LoadHarness;

/// <summary>
/// The "Measured": the same closed-loop load (initiations, their success callbacks, GETs) through nginx to
/// 1 Shield instance and to 3, on one PostgreSQL database, with Redis. Three instances run throughout; two nginx
/// processes front them, one with instance 1 alone as its upstream, one with all three, so both sizes see the same
/// database and the same machine. Rounds alternate (1, 3, 3, 1, ...) so drift on a shared machine falls on both.
/// </summary>
internal sealed class FleetCompare(HarnessOptions options, string folder, TextWriter progress)
{
    private const int Concurrency = 16;
    private const int Rounds = 4;
    private const int Warmup = 100;

    public async Task<ModeReport> RunAsync()
    {
        ToolProcess.Require(NginxProxy.Binary, "nginx");
        ToolProcess.Require(RedisServer.Binary, "redis-server");
        var (redisProcess, redis) = await RedisServer.StartAsync(folder);
        await using var redisServer = redisProcess;
        await using var simulator = await SimulatorHost.StartAsync();
        await using var database = new FleetDatabase(options.PostgresAdmin, "compare");
        var ports = Enumerable.Range(0, FleetRun.Instances).Select(_ => ServerProcess.FreePort()).ToArray();
        await using var one = await NginxProxy.StartAsync(folder, "nginx-one", [ports[0]]);
        await using var three = await NginxProxy.StartAsync(folder, "nginx-three", ports);
        var settings = ShieldFleet.Settings(database.ConnectionString, simulator.BaseUrl, three.BaseUrl, redis, FleetRun.Instances);
        settings["Reconciliation__Enabled"] = "false"; // as the engine comparison: the request paths alone
        await database.MigrateAsync(folder, settings);
        await using var fleet = ShieldFleet.WithPorts(folder, ports, settings);
        await fleet.StartAllAsync();
        progress.WriteLine(Invariant($"  compare: {FleetRun.Instances} instances ready; nginx {one.BaseUrl} → instance 1, nginx {three.BaseUrl} → all {FleetRun.Instances}"));

        var targets = new[] { (Size: 1, Proxy: one), (Size: FleetRun.Instances, Proxy: three) };
        var generators = targets.ToDictionary(t => t.Size, t => new LoadGenerator(t.Proxy.BaseUrl, Concurrency));
        try
        {
            var nextPhone = 0;
            var results = targets.ToDictionary(t => t.Size, _ => (Init: new List<Measurement>(), Callbacks: new List<Measurement>(), Gets: new List<Measurement>(), Busy: new List<double>()));

            // Warm-up through all three (each instance's JIT, pools, caches), not measured.
            await RoundAsync(generators[FleetRun.Instances], Warmup, null);
            for (var round = 0; round < Rounds; round++)
            {
                var order = round % 4 is 0 or 3 ? targets : [.. targets.Reverse()];
                foreach (var (size, _) in order)
                {
                    var before = MachineCpu.Now();
                    var r = results[size];
                    await RoundAsync(generators[size], options.ComparePayments, r);
                    r.Busy.Add(MachineCpu.Now().BusySince(before));
                    progress.WriteLine(Invariant($"  compare round {round + 1}, {size} instance(s): initiation {r.Init[^1].Throughput:F0}/s, callbacks {r.Callbacks[^1].Throughput:F0}/s, GET {r.Gets[^1].Throughput:F0}/s"));
                }
            }

            var text = new StringBuilder();
            text.AppendLine(Invariant($"Shield 1 vs {FleetRun.Instances} instances behind nginx, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; PostgreSQL, Redis; closed loop, {Concurrency} in flight; {Rounds} rounds of {options.ComparePayments} payments (initiated, called back, read twice) per size, alternating."));
            text.AppendLine();
            text.AppendLine("| Instances | Initiation req/s | p50 / p99 ms | Callbacks req/s | p50 / p99 ms | GET req/s | p50 / p99 ms | Errors | Machine busy |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var errors = 0;
            foreach (var (size, _) in targets)
            {
                var r = results[size];
                var (i, c, g) = (Measurement.Combine(r.Init), Measurement.Combine(r.Callbacks), Measurement.Combine(r.Gets));
                errors += i.Errors + c.Errors + g.Errors;
                text.AppendLine(Invariant($"| {size} | {i.Throughput:F0} | {i.P50:F1} / {i.P99:F1} | {c.Throughput:F0} | {c.P50:F1} / {c.P99:F1} | {g.Throughput:F0} | {g.P50:F1} / {g.P99:F1} | {i.Errors + c.Errors + g.Errors}{FirstError(i, c, g)} | {r.Busy.Average():P0} |"));
            }

            var oneInit = Measurement.Combine(results[1].Init).Throughput;
            var threeInit = Measurement.Combine(results[FleetRun.Instances].Init).Throughput;
            text.AppendLine();
            text.AppendLine(Invariant($"3 instances / 1 instance, initiation throughput: {threeInit / oneInit:P0}. On {Environment.ProcessorCount} cores shared by PostgreSQL, nginx, Redis, the simulator, the harness (and other work on this machine) more instances add no cores: this measures the fleet's overhead, not its scaling."));
            _ = nextPhone;
            return new ModeReport(text.ToString(), errors == 0);

            async Task RoundAsync(LoadGenerator load, int count, (List<Measurement> Init, List<Measurement> Callbacks, List<Measurement> Gets, List<double> Busy)? into)
            {
                var phones = Enumerable.Range(nextPhone, count).ToArray();
                nextPhone += count;
                var pending = new ConcurrentDictionary<int, PendingPayment>();
                var init = await load.RunClosedLoopAsync([.. phones.Select(Requests.Initiate)], Concurrency,
                    (i, body) => pending[i] = PendingPayment.FromAnswer(phones[i], body));
                var callbacks = await load.RunClosedLoopAsync([.. pending.OrderBy(p => p.Key).Select(p => Requests.SuccessCallback(p.Value))], Concurrency);
                var random = new Random(nextPhone);
                var ids = pending.Values.Select(p => p.Id).ToArray();
                var gets = ids.Length == 0
                    ? new Measurement(0, 0, TimeSpan.FromTicks(1), [], null)
                    : await load.RunClosedLoopAsync([.. Enumerable.Range(0, count * 2).Select(_ => Requests.Get(ids[random.Next(ids.Length)]))], Concurrency);
                if (into is { } r)
                {
                    r.Init.Add(init);
                    r.Callbacks.Add(callbacks);
                    r.Gets.Add(gets);
                }
            }
        }
        finally
        {
            foreach (var generator in generators.Values)
            {
                generator.Dispose();
            }
        }
    }

    private static string FirstError(params Measurement[] measurements) =>
        measurements.FirstOrDefault(m => m.FirstError is not null)?.FirstError is { } e ? $" ({e[..Math.Min(e.Length, 120)]})" : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
