using System.Diagnostics;
using System.Globalization;

namespace Shield.LoadHarness;

/// <summary>
/// One engine's webhook scenarios, on the database the comparison left (its payments are there), with receivers in the
/// harness process, one API client (and one endpoint) per scenario:
/// <list type="number">
/// <item>delivery throughput: an instance with its event dispatcher off builds a backlog (payments created and
/// settled), then a fresh instance delivers it to an always-200 receiver;</item>
/// <item>callback to webhook received: success callbacks at the paced rate, each timed from Shield's 200 to the
/// receiver having the signed payment.completed, and split into stages from Shield's own records;</item>
/// <item>Shield killed: SIGKILL while callbacks and deliveries are in flight, then a restart on the same database;</item>
/// <item>receiver down: 503 for <see cref="HarnessOptions.Outage"/>, then 200. It runs while the killed instance's
/// leases run out (they hold its in-flight deliveries for Webhooks:Timeout × 2 + 30 s), then the killed scenario is
/// checked: every event its client's events API lists must have arrived.</item>
/// </list>
/// Every POST's signature is checked; every scenario counts lost, duplicated and out-of-order events.
/// </summary>
internal sealed class WebhookRun(
    HarnessOptions options,
    DatabaseEngine engine,
    ShieldDatabase database,
    int firstPhone,
    Func<IReadOnlyDictionary<string, string>, string, Task<ServerProcess>> startShield,
    TextWriter progress)
{
    /// <summary>Webhooks:Timeout here: short, so the killed instance's leases (twice it, plus 30 s) run out in 34 s.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Events:LeaseDuration, Shield's default: the killed dispatcher's leased events wait this long.</summary>
    private static readonly TimeSpan EventLease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan KilledReceiverDelay = TimeSpan.FromMilliseconds(20);

    private readonly HarnessClient _latencyClient = HarnessCredentials.WebhookClients[0];
    private readonly HarnessClient _throughputClient = HarnessCredentials.WebhookClients[1];
    private readonly HarnessClient _outageClient = HarnessCredentials.WebhookClients[2];
    private readonly HarnessClient _killedClient = HarnessCredentials.WebhookClients[3];
    private readonly List<ServerProcess> _servers = [];
    private int _nextPhone = firstPhone;

    /// <summary>
    /// Webhooks:RetrySchedule here: immediately, 1 s, 2 s, then every quarter of the outage (1 to 30 s) until twice the
    /// outage plus 30 s, so the receiver-down scenario's deliveries outlast it and drain soon after it ends.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetrySchedule
    {
        get
        {
            var step = TimeSpan.FromTicks(Math.Clamp(options.Outage.Ticks / 4, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
            var schedule = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) };
            while (schedule.Aggregate(TimeSpan.Zero, (a, b) => a + b) < (options.Outage * 2) + TimeSpan.FromSeconds(30))
            {
                schedule.Add(step);
            }

            return schedule;
        }
    }

    public async Task<WebhookReport> RunAsync()
    {
        var loadBefore = LoadAverage();
        await using var receivers = await WebhookReceivers.StartAsync();
        try
        {
            var (shield, throughput) = await ThroughputAsync(receivers);
            var latency = await LatencyAsync(receivers, shield);
            var (restarted, killed) = await KillAsync(receivers, shield);
            var outage = await OutageAsync(receivers, restarted);
            var killedResult = await CheckKilledAsync(restarted, killed);
            return new WebhookReport
            {
                AttemptTimeout = AttemptTimeout,
                LoadAverage = (loadBefore, LoadAverage()),
                RetrySchedule = RetrySchedule,
                CallbackRate = options.CallbackRate,
                Latency = latency.Latency,
                LatencyFirstTenthP50 = latency.Trend.First,
                LatencyLastTenthP50 = latency.Trend.Last,
                LatencyCallbackErrors = latency.Errors,
                LatencyShieldCores = latency.Cores,
                LatencyMachineBusy = latency.MachineBusy,
                LatencyCheck = latency.Check,
                Stages = latency.Stages,
                ThroughputCheck = throughput.Check,
                ThroughputFirstToLast = throughput.FirstToLast,
                ThroughputStartToLast = throughput.StartToLast,
                ThroughputFanOutPerSecond = throughput.FanOutPerSecond,
                ThroughputPostsPerSecond = throughput.PostsPerSecond,
                ThroughputCpuPerEventMilliseconds = throughput.CpuPerEvent,
                ThroughputMachineBusy = throughput.MachineBusy,
                Outage = options.Outage,
                OutageRefused = outage.Refused,
                OutagePosts = outage.Refused + outage.Check.Posts,
                OutageAttemptsRecorded = outage.Recorded,
                DrainedAfterRecovery = outage.Drained,
                OutageCheck = outage.Check,
                AtKill = killed.AtKill,
                CallbacksAnsweredBeforeKill = killed.Answered.Count,
                ReceivedAfterRestart = killedResult.AfterRestart,
                ReceivedAfterKill = killedResult.AfterKill,
                KilledCheck = killedResult.Check,
            };
        }
        finally
        {
            foreach (var server in _servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A backlog in the outbox, then a fresh instance: from its start, its dispatcher fans every event out and its
    /// worker delivers them. Returns that instance, still running, for the next scenario.
    /// </summary>
    private async Task<(ServerProcess Shield, (DeliveryCheck Check, TimeSpan FirstToLast, TimeSpan StartToLast, double FanOutPerSecond, double PostsPerSecond,
        double CpuPerEvent, double MachineBusy) Result)>
        ThroughputAsync(WebhookReceivers receivers)
    {
        var inbox = receivers.Open("throughput");
        IReadOnlyList<PendingPayment> payments;
        var backlog = await StartAsync(dispatch: false, "shield-webhooks-backlog");
        using (var api = new ShieldApi(backlog.BaseUrl, _throughputClient))
        using (var load = new LoadGenerator(backlog.BaseUrl, options.Concurrency, _throughputClient.ApiKey))
        {
            await api.RegisterAsync(inbox);
            payments = await InitiateAsync(load, options.WebhookPayments, "backlog payments");
            Require(await load.RunClosedLoopAsync(Callbacks(payments), options.Concurrency), "backlog callbacks");
        }

        // Stopped (killed): nothing is lost, every event is committed in the outbox, and this instance dispatched none.
        await backlog.KillAsync();
        var expected = Expect(payments, Types.Created, Types.Completed);
        var started = Stopwatch.GetTimestamp();
        var shield = await StartAsync(dispatch: true, "shield-webhooks");
        var (cpuAtReady, machineAtReady, receivedAtReady) = (shield.CpuTime, MachineCpu.Now(), inbox.Count);
        var all = await inbox.WaitUntilAsync(r => Covers(r, expected), TimeSpan.FromSeconds(60 + (expected.Count / 20)));
        var cpuPerEvent = (shield.CpuTime - cpuAtReady).TotalMilliseconds / Math.Max(1, inbox.Count - receivedAtReady);
        var machineBusy = MachineCpu.Now().BusySince(machineAtReady);
        var check = DeliveryCheck.Of(inbox, expected);
        var received = inbox.Snapshot();
        var firstToLast = received.Count < 2 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(received.Min(r => r.ArrivedTicks), received.Max(r => r.ArrivedTicks));
        var startToLast = received.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started, received.Max(r => r.ArrivedTicks));
        var rows = await database.FirstAttemptsAsync(_throughputClient.Id);
        var fanOut = Rate(rows.Select(r => r.DeliveryCreatedAt));
        var posts = Rate(rows.Select(r => r.PostStartedAt));
        progress.WriteLine(Invariant($"  {engine} webhooks, delivery throughput: {expected.Count} events in {firstToLast.TotalSeconds:F2} s from first to last ") +
            Invariant($"received ({(expected.Count - check.Lost) / Math.Max(firstToLast.TotalSeconds, 0.001):F0}/s), {startToLast.TotalSeconds:F2} s from process start") +
            Invariant($"{(all ? "" : " (TIMED OUT)")}; deliveries made at {fanOut:F0}/s, first POSTs started at {posts:F0}/s; ") +
            Invariant($"Shield used {cpuPerEvent:F2} ms of CPU per event delivered after it was ready, the machine's cores were {machineBusy:P0} busy; {check}"));
        return (shield, (check, firstToLast, startToLast, fanOut, posts, cpuPerEvent, machineBusy));
    }

    /// <summary>Callbacks at the paced rate; each timed from Shield's 200 to the receiver having its payment.completed.</summary>
    private async Task<(Distribution Latency, (double First, double Last) Trend, int Errors, DeliveryCheck Check, IReadOnlyList<WebhookStage> Stages, double Cores,
        double MachineBusy)> LatencyAsync(WebhookReceivers receivers, ServerProcess shield)
    {
        var inbox = receivers.Open("latency");
        using var api = new ShieldApi(shield.BaseUrl, _latencyClient);
        await api.RegisterAsync(inbox, Types.Completed);
        using var closed = new LoadGenerator(shield.BaseUrl, options.Concurrency, _latencyClient.ApiKey);
        using var paced = new LoadGenerator(shield.BaseUrl, 256, _latencyClient.ApiKey);
        var warm = await InitiateAsync(closed, options.Warmup, "latency warm-up payments");
        var measured = await InitiateAsync(closed, options.WebhookPayments, "latency payments");

        // Warm-up: the same path (callback, dispatch, fan-out, POST), not measured.
        Require(await paced.RunAtRateAsync(Callbacks(warm), options.CallbackRate), "latency warm-up callbacks");
        var warmExpected = Expect(warm, Types.Completed);
        await inbox.WaitUntilAsync(r => Covers(r, warmExpected), TimeSpan.FromSeconds(30 + (warm.Count / 20)));

        var answered = new long[measured.Count];
        var answeredAt = new DateTimeOffset[measured.Count];
        var (cpuBefore, machineBefore, clock) = (shield.CpuTime, MachineCpu.Now(), Stopwatch.StartNew());
        var run = await paced.RunAtRateAsync(Callbacks(measured), options.CallbackRate, (i, _) =>
        {
            answered[i] = Stopwatch.GetTimestamp();
            answeredAt[i] = DateTimeOffset.UtcNow;
        });
        var expected = Expect(warm.Concat(measured), Types.Completed);
        var all = await inbox.WaitUntilAsync(r => Covers(r, expected), TimeSpan.FromSeconds(30 + (measured.Count / 20)));
        var cores = (shield.CpuTime - cpuBefore) / clock.Elapsed;
        var machineBusy = MachineCpu.Now().BusySince(machineBefore);
        var check = DeliveryCheck.Of(inbox, expected);

        var arrivals = FirstArrivals(inbox.Snapshot(), Types.Completed);
        var latencies = new List<double>();
        for (var i = 0; i < measured.Count; i++)
        {
            if (answered[i] != 0 && arrivals.TryGetValue(measured[i].Id, out var arrival))
            {
                latencies.Add(Stopwatch.GetElapsedTime(answered[i], arrival.ArrivedTicks).TotalMilliseconds);
            }
        }

        // In the order the callbacks were sent: a queue that grows shows as a last tenth slower than the first.
        var tenth = Math.Max(1, latencies.Count / 10);
        var trend = (Distribution.Of(latencies.Take(tenth)).P50, Distribution.Of(latencies.TakeLast(tenth)).P50);
        var latency = Distribution.Of(latencies);
        var stages = await StagesAsync(measured, answeredAt, arrivals);
        progress.WriteLine(Invariant($"  {engine} webhooks, callback 200 to payment.completed received at {options.CallbackRate}/s: p50 {latency.P50:F1} ms, ") +
            Invariant($"p99 {latency.P99:F1} ms, max {latency.Max:F1} ms over {latency.Count} (p50 of the first tenth sent {trend.Item1:F1} ms, of the last {trend.Item2:F1} ms); ") +
            Invariant($"{run.Errors} callback errors{(all ? "" : " (TIMED OUT)")}; Shield used {cores:F2} cores, the machine's {Environment.ProcessorCount} were {machineBusy:P0} busy; {check}"));
        foreach (var stage in stages)
        {
            progress.WriteLine(Invariant($"    {stage.Name}: p50 {stage.Milliseconds.P50:F1} ms, p99 {stage.Milliseconds.P99:F1} ms, max {stage.Milliseconds.Max:F1} ms"));
        }

        return (latency, trend, run.Errors, check, stages, cores, machineBusy);
    }

    /// <summary>Where the time went, per measured payment: Shield's timestamps (event, delivery made, POST started) and the harness's.</summary>
    private async Task<IReadOnlyList<WebhookStage>> StagesAsync(IReadOnlyList<PendingPayment> measured, DateTimeOffset[] answeredAt,
        Dictionary<Guid, ReceivedWebhook> arrivals)
    {
        var index = measured.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var rows = (await database.FirstAttemptsAsync(_latencyClient.Id)).Where(r => index.ContainsKey(r.PaymentId) && arrivals.ContainsKey(r.PaymentId)).ToList();
        return
        [
            new("event occurred → Shield's 200 read by the harness", Distribution.Of(rows.Select(r => (answeredAt[index[r.PaymentId]] - r.OccurredAt).TotalMilliseconds))),
            new("event occurred → delivery made (event dispatcher: wake, lease, fan-out)", Distribution.Of(rows.Select(r => (r.DeliveryCreatedAt - r.OccurredAt).TotalMilliseconds))),
            new("delivery made → POST started (delivery worker: wake, lease)", Distribution.Of(rows.Select(r => (r.PostStartedAt - r.DeliveryCreatedAt).TotalMilliseconds))),
            new("POST started → receiver has the body", Distribution.Of(rows.Select(r => (arrivals[r.PaymentId].ArrivedAt - r.PostStartedAt).TotalMilliseconds))),
            new("event occurred → receiver has the body", Distribution.Of(rows.Select(r => (arrivals[r.PaymentId].ArrivedAt - r.OccurredAt).TotalMilliseconds))),
        ];
    }

    /// <summary>
    /// SIGKILL while callbacks are arriving and their webhooks are being posted (the receiver takes 20 ms to answer, so
    /// POSTs are in flight), then a restart on the same database. Returns the restarted instance, running.
    /// </summary>
    private async Task<(ServerProcess Restarted, KilledRun Run)> KillAsync(WebhookReceivers receivers, ServerProcess shield)
    {
        var inbox = receivers.Open("killed");
        inbox.AnswerDelay = KilledReceiverDelay;
        IReadOnlyList<PendingPayment> payments;
        var answered = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        long killedAt;
        using (var api = new ShieldApi(shield.BaseUrl, _killedClient))
        using (var closed = new LoadGenerator(shield.BaseUrl, options.Concurrency, _killedClient.ApiKey))
        using (var paced = new LoadGenerator(shield.BaseUrl, 256, _killedClient.ApiKey))
        {
            await api.RegisterAsync(inbox);
            payments = await InitiateAsync(closed, options.WebhookFaultPayments, "killed scenario's payments");
            var callbacks = paced.RunAtRateAsync(Callbacks(payments), options.CallbackRate, (i, _) => answered.Add(payments[i].Id));
            while (answered.Count < payments.Count / 2 && !callbacks.IsCompleted)
            {
                await Task.Delay(2);
            }

            await shield.KillAsync();
            killedAt = Stopwatch.GetTimestamp();
            await callbacks; // the rest fail: nothing listens any more
        }

        var atKill = await database.LeftoversAsync(_killedClient.Id);
        var restarted = await StartAsync(dispatch: true, "shield-webhooks-restarted");
        var ready = Stopwatch.GetTimestamp();
        progress.WriteLine(Invariant($"  {engine} webhooks, Shield killed after {answered.Count} of {payments.Count} callbacks answered, with {atKill.LeasedDeliveries} ") +
            Invariant($"deliveries leased (of {atKill.PendingDeliveries} pending) and {atKill.LeasedEvents} outbox events leased (of {atKill.UndispatchedEvents} ") +
            Invariant($"undispatched); restarted in {restarted.StartToReady.TotalMilliseconds:F0} ms"));
        return (restarted, new KilledRun(inbox, payments, [.. answered], atKill, killedAt, ready));
    }

    /// <summary>The receiver answers 503 for the outage, then 200: every event must arrive, in order per payment.</summary>
    private async Task<(int Refused, int Recorded, TimeSpan? Drained, DeliveryCheck Check)> OutageAsync(WebhookReceivers receivers, ServerProcess shield)
    {
        var inbox = receivers.Open("outage");
        using var api = new ShieldApi(shield.BaseUrl, _outageClient);
        await api.RegisterAsync(inbox);
        using var load = new LoadGenerator(shield.BaseUrl, options.Concurrency, _outageClient.ApiKey);
        inbox.Down = true;
        var down = Stopwatch.GetTimestamp();
        var payments = await InitiateAsync(load, options.WebhookFaultPayments, "outage payments");
        Require(await load.RunClosedLoopAsync(Callbacks(payments), options.Concurrency), "outage callbacks");
        var left = options.Outage - Stopwatch.GetElapsedTime(down);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        inbox.Down = false;
        var up = Stopwatch.GetTimestamp();
        var expected = Expect(payments, Types.Created, Types.Completed);
        var all = await inbox.WaitUntilAsync(r => Covers(r, expected), RetrySchedule.Max() * 1.1 + TimeSpan.FromSeconds(60));
        var check = DeliveryCheck.Of(inbox, expected);
        var received = inbox.Snapshot();
        TimeSpan? drained = all && received.Count > 0 ? Stopwatch.GetElapsedTime(up, received.Max(r => r.ArrivedTicks)) : null;
        await Task.Delay(500); // the last attempts' records
        var recorded = await database.AttemptsAsync(_outageClient.Id);
        progress.WriteLine(Invariant($"  {engine} webhooks, receiver down {options.Outage.TotalSeconds:F0} s: {inbox.Refused} POSTs refused (503), ") +
            Invariant($"{recorded} attempts recorded by Shield for {inbox.Refused + received.Count} POSTs; ") +
            Invariant($"{(drained is { } d ? $"all received {d.TotalSeconds:F1} s after it answered again" : "NOT all received")}; {check}"));
        return (inbox.Refused, recorded, drained, check);
    }

    /// <summary>After the killed instance's leases ran out: every event its client's events API lists, and every one the harness caused, arrived.</summary>
    private async Task<(TimeSpan? AfterRestart, TimeSpan? AfterKill, DeliveryCheck Check)> CheckKilledAsync(ServerProcess shield, KilledRun run)
    {
        using var api = new ShieldApi(shield.BaseUrl, _killedClient);
        var listed = await api.ListEventsAsync();
        var expected = listed.Select(e => (e.PaymentId, e.Type)).ToHashSet();
        expected.UnionWith(Expect(run.Payments, Types.Created));
        expected.UnionWith(run.Answered.Select(id => (id, Types.Completed)));
        var deadline = Lease + EventLease + TimeSpan.FromSeconds(60) - Stopwatch.GetElapsedTime(run.KilledAt);
        var all = await run.Inbox.WaitUntilAsync(r => Covers(r, expected), deadline > TimeSpan.Zero ? deadline : TimeSpan.FromSeconds(1));
        var check = DeliveryCheck.Of(run.Inbox, expected);
        var last = all ? FirstArrivalOfEach(run.Inbox.Snapshot(), expected) : (long?)null;
        TimeSpan? afterRestart = last is { } l ? Stopwatch.GetElapsedTime(run.RestartedReady, l) : null;
        TimeSpan? afterKill = last is { } k ? Stopwatch.GetElapsedTime(run.KilledAt, k) : null;
        progress.WriteLine(Invariant($"  {engine} webhooks, Shield killed: {listed.Count} events listed; ") +
            Invariant($"{(afterRestart is { } r ? $"all received {r.TotalSeconds:F1} s after the restart was ready ({afterKill!.Value.TotalSeconds:F1} s after the kill; lease {Lease.TotalSeconds:F0} s)" : "NOT all received")}; {check}"));
        return (afterRestart, afterKill, check);
    }

    private static TimeSpan Lease => (AttemptTimeout * 2) + TimeSpan.FromSeconds(30);

    private async Task<ServerProcess> StartAsync(bool dispatch, string name)
    {
        var environment = new Dictionary<string, string>
        {
            ["Webhooks__RequireHttps"] = "false",
            ["Webhooks__AllowedPrivateNetworks__0"] = "127.0.0.0/8",
            ["Webhooks__Timeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Events__DispatchEnabled"] = dispatch ? "true" : "false",
        };
        var schedule = RetrySchedule;
        for (var i = 0; i < schedule.Count; i++)
        {
            environment[Invariant($"Webhooks__RetrySchedule__{i}")] = schedule[i].ToString("c", CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < HarnessCredentials.WebhookClients.Count; i++)
        {
            environment[Invariant($"ApiClients__{i + 1}__Id")] = HarnessCredentials.WebhookClients[i].Id;
            environment[Invariant($"ApiClients__{i + 1}__KeyHash")] = HarnessCredentials.Hash(HarnessCredentials.WebhookClients[i].ApiKey);
        }

        var server = await startShield(environment, name);
        _servers.Add(server);
        return server;
    }

    private async Task<IReadOnlyList<PendingPayment>> InitiateAsync(LoadGenerator load, int count, string what)
    {
        var phones = Enumerable.Range(_nextPhone, count).ToArray();
        _nextPhone += count;
        var payments = new PendingPayment[count];
        Require(await load.RunClosedLoopAsync([.. phones.Select(Requests.Initiate)], options.Concurrency,
            (i, body) => payments[i] = PendingPayment.FromAnswer(phones[i], body)), what);
        return payments;
    }

    /// <summary>How many per second, from the first of <paramref name="times"/> to the last.</summary>
    private static double Rate(IEnumerable<DateTimeOffset> times)
    {
        var all = times.ToList();
        return all.Count < 2 ? double.NaN : all.Count / Math.Max((all.Max() - all.Min()).TotalSeconds, 0.001);
    }

    private static LoadRequest[] Callbacks(IEnumerable<PendingPayment> payments) => [.. payments.Select(Requests.SuccessCallback)];

    private static HashSet<(Guid PaymentId, string Type)> Expect(IEnumerable<PendingPayment> payments, params string[] types) =>
        [.. payments.SelectMany(p => types.Select(t => (p.Id, t)))];

    private static bool Covers(IReadOnlyList<ReceivedWebhook> received, HashSet<(Guid PaymentId, string Type)> expected)
    {
        if (received.Count < expected.Count)
        {
            return false;
        }

        var got = received.Select(r => (r.PaymentId, r.Type)).ToHashSet();
        return expected.All(got.Contains);
    }

    private static Dictionary<Guid, ReceivedWebhook> FirstArrivals(IReadOnlyList<ReceivedWebhook> received, string type)
    {
        var first = new Dictionary<Guid, ReceivedWebhook>();
        foreach (var r in received.Where(r => r.Type == type))
        {
            first.TryAdd(r.PaymentId, r);
        }

        return first;
    }

    /// <summary>When the last of the expected events first arrived (stopwatch ticks).</summary>
    private static long FirstArrivalOfEach(IReadOnlyList<ReceivedWebhook> received, HashSet<(Guid PaymentId, string Type)> expected)
    {
        var first = new Dictionary<(Guid, string), long>();
        foreach (var r in received)
        {
            first.TryAdd((r.PaymentId, r.Type), r.ArrivedTicks);
        }

        return expected.Max(e => first[e]);
    }

    private static void Require(Measurement measured, string what)
    {
        if (measured.Errors > 0)
        {
            throw new InvalidOperationException($"Webhooks, {what}: {measured.Errors} errors; first: {measured.FirstError}");
        }
    }

    /// <summary>The machine's 1-minute load average (other processes share its cores), or NaN where /proc has none.</summary>
    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The killed scenario, between the kill and its check.</summary>
    private sealed record KilledRun(WebhookInbox Inbox, IReadOnlyList<PendingPayment> Payments, IReadOnlyList<Guid> Answered, Leftovers AtKill, long KilledAt,
        long RestartedReady);

    private static class Types
    {
        public const string Created = "payment.created";
        public const string Completed = "payment.completed";
    }
}
