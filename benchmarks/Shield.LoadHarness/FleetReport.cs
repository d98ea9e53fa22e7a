using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Shield.LoadHarness;

/// <summary>Everything the fleet run saw, for its checks.</summary>
internal sealed record FleetFacts
{
    /// <summary>Payments in flight at once (each may send its duplicate alongside).</summary>
    public required int Concurrency { get; init; }

    public required IReadOnlyList<PlannedPayment> Plan { get; init; }
    public required Initiation?[] Firsts { get; init; }
    public required Initiation?[] Seconds { get; init; }
    public required IReadOnlyList<StoredPayment> Payments { get; init; }
    public required IReadOnlyList<StoredEvent> Events { get; init; }
    public required IReadOnlyList<ReceivedWebhook> Received { get; init; }
    public required DeliveryCheck Delivery { get; init; }
    public required bool AllReceived { get; init; }
    public required Dictionary<string, int> Pushes { get; init; }
    public required int EarlyPosted { get; init; }
    public required IReadOnlyDictionary<string, int> EarlyAnswers { get; init; }
    public required IReadOnlyDictionary<string, int> Callbacks { get; init; }
    public required IReadOnlyDictionary<string, int> CallbackSources { get; init; }
    public required IReadOnlyList<Kill> Kills { get; init; }
    public required IReadOnlyList<AccessLogLine> AccessLog { get; init; }
    public required IReadOnlyList<Observation> Observations { get; init; }
    public required int Tokens { get; init; }
    public required TimeSpan LoadTook { get; init; }
    public required TimeSpan SettledAfter { get; init; }
    public required TimeSpan WebhooksAfter { get; init; }
    public required TimeSpan StartToReady { get; init; }
    public required string Folder { get; init; }
}

/// <summary>One check of the fleet run: what it requires, what was measured, and whether it holds.</summary>
internal sealed record FleetCheck(string Name, string Measured, bool Met);

/// <summary>The fleet run's figures and checks, as Markdown.</summary>
internal sealed record FleetReport(string Markdown, IReadOnlyList<FleetCheck> Checks)
{
    private const string Completed = "payment.completed";
    private static readonly string[] Downgrades = ["payment.failed", "payment.cancelled", "payment.expired"];

    public bool Correct => Checks.All(c => c.Met);

    public static FleetReport Build(FleetFacts f)
    {
        var checks = new List<FleetCheck>();
        var byKey = f.Payments.Where(p => p.IdempotencyKey is not null).ToDictionary(p => p.IdempotencyKey!, StringComparer.Ordinal);
        var byId = f.Payments.ToDictionary(p => p.Id);
        var n = f.Plan.Count;
        var got202 = f.Plan.Where(p => f.Firsts[p.Index]?.PaymentId is not null || f.Seconds[p.Index]?.PaymentId is not null).ToList();
        var pushed = f.Plan.Where(p => f.Pushes.ContainsKey(p.Phone)).ToList();
        var inDoubt = f.Plan.Where(p => f.Firsts[p.Index]?.PaymentId is null && f.Seconds[p.Index]?.PaymentId is null).ToList();
        var errors = f.Firsts.Concat(f.Seconds).Where(i => i?.Error is not null && i.PaymentId is null && !i.Error.StartsWith("no 202", StringComparison.Ordinal)).ToList();

        // 0 lost: every payment with a 202, or whose push Daraja got, is stored, Completed, and its events received.
        var mustComplete = got202.Union(pushed).ToList();
        var notStored = mustComplete.Where(p => !byKey.ContainsKey(p.Key)).ToList();
        var notCompleted = mustComplete.Where(p => byKey.TryGetValue(p.Key, out var s) && s.Status != "Completed").ToList();
        var receivedTypes = f.Received.Select(r => (r.PaymentId, r.Type)).ToHashSet();
        var eventsMissing = mustComplete.Where(p => byKey.TryGetValue(p.Key, out var s)
            && !(receivedTypes.Contains((s.Id, "payment.created")) && receivedTypes.Contains((s.Id, Completed)))).ToList();
        var wrongId = got202.Where(p => byKey.TryGetValue(p.Key, out var s)
            && new[] { f.Firsts[p.Index]?.PaymentId, f.Seconds[p.Index]?.PaymentId }.Any(id => id is not null && id != s.Id)).ToList();
        checks.Add(new("0 lost: each payment answered 202 (or pushed) is stored, Completed, and the receiver has its payment.created and payment.completed",
            Invariant($"{mustComplete.Count} such payments: {notStored.Count} not stored, {notCompleted.Count} not Completed{Example(notCompleted, byKey)}, {eventsMissing.Count} without both events, {wrongId.Count} answered with another payment's id"),
            notStored.Count == 0 && notCompleted.Count == 0 && eventsMissing.Count == 0 && wrongId.Count == 0));
        // A payment never answered 202 is allowed only as the documented case: a kill cut its first request after the
        // payment's commit and before its push, so it is stored with its attempt still Sending (or given up on), never
        // pushed, and Shield rightly never re-sends it. A handful per kill at most (the clients in flight).
        var badDoubt = inDoubt.Where(p => !byKey.TryGetValue(p.Key, out var s) || f.Pushes.ContainsKey(p.Phone)
            || s.AttemptStatuses is not ("Sending" or "Unknown" or "Expired")).ToList();
        var doubtLimit = f.Kills.Count * f.Concurrency * 2;
        checks.Add(new(Invariant($"a payment without a 202 only where a kill cut it before its push (stored, its attempt Sending or given up, never pushed; at most {doubtLimit})"),
            Invariant($"{inDoubt.Count} without a 202, {badDoubt.Count} otherwise{InDoubt(badDoubt, byKey, f.Pushes)}"),
            badDoubt.Count == 0 && inDoubt.Count <= doubtLimit));
        checks.Add(new("no client error (4xx other than 409 idempotency_key_in_use)",
            errors.Count == 0 ? "none" : Invariant($"{errors.Count}, first: {errors[0]!.Error}"), errors.Count == 0));

        // 0 completed twice, nothing downgraded.
        var completedEvents = f.Events.Where(e => e.Type == Completed).GroupBy(e => e.PaymentId).Count(g => g.Count() > 1);
        var completedPosts = f.Received.Where(r => r.Type == Completed).GroupBy(r => r.PaymentId)
            .Count(g => g.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() > 1);
        var downgradedEvents = f.Events.GroupBy(e => e.PaymentId).Count(g =>
            g.FirstOrDefault(e => e.Type == Completed) is { } c && g.Any(e => Downgrades.Contains(e.Type) && e.Sequence > c.Sequence));
        var downgradedReads = Downgraded(f.Observations);
        checks.Add(new("0 completed twice: at most one payment.completed per payment (stored, and distinct webhook-ids received); no status downgraded",
            Invariant($"{completedEvents} payments with 2+ completion events stored, {completedPosts} with 2+ received; {downgradedEvents} downgraded by a later event, {downgradedReads} read back as not Completed after a read saw Completed ({f.Observations.Count} GETs)"),
            completedEvents == 0 && completedPosts == 0 && downgradedEvents == 0 && downgradedReads == 0));

        // 5xx from nginx, by when they happened against the kills.
        var fiveXx = f.AccessLog.Where(l => l.Status >= 500).ToList();
        var outside = fiveXx.Where(l => NearestKill(l, f.Kills) is null).ToList();
        var timing = fiveXx.Count == 0 ? "" : ": " + string.Join(", ", fiveXx.GroupBy(l => (l.Status, Kill: NearestKill(l, f.Kills)?.Instance))
            .Select(g => Invariant($"{g.Count()}× {g.Key.Status} {(g.Key.Kill is { } k ? $"within {Within(g, f.Kills):F1} s of instance {k}'s kill" : $"outside the kills (first {g.First().Method} {g.First().Path} from {g.First().Upstreams})")}")));
        checks.Add(new(Invariant($"0 5xx from nginx beyond the kills (those from 1 s before a kill to {FleetRun.KillWindow.TotalSeconds:F0} s after it, or its restart, are reported)"),
            Invariant($"{fiveXx.Count} 5xx of {f.AccessLog.Count} requests, {outside.Count} outside the kills{timing}"), outside.Count == 0));

        checks.Add(new("exactly one OAuth token for the fleet (the simulator's count)", Invariant($"{f.Tokens}"), f.Tokens == 1));
        checks.Add(new("each event delivered to the receiver at least once (every stored event of the client), signatures good",
            Invariant($"{(f.AllReceived ? "all" : "NOT all")} received: {f.Delivery}"), f.AllReceived && f.Delivery.Correct));

        // No duplicate push: one push per attempt; a duplicate Idempotency-Key never pushes again.
        var extraPushes = f.Plan.Where(p => f.Pushes.TryGetValue(p.Phone, out var count)
            && count > (byKey.TryGetValue(p.Key, out var s) ? s.Attempts : 0)).ToList();
        var duplicatePhones = f.Plan.Count(p => f.Pushes.TryGetValue(p.Phone, out var count) && count > 1);
        checks.Add(new("no duplicate push to any phone (the simulator's journal: at most one push per stored attempt; each payment one attempt)",
            Invariant($"{f.Pushes.Values.Sum()} pushes to {f.Pushes.Count} phones; {duplicatePhones} phones pushed twice or more, {extraPushes.Count} with more pushes than attempts"),
            duplicatePhones == 0 && extraPushes.Count == 0));

        var duplicates = f.Plan.Where(p => p.Duplicate).ToList();
        var replayedSame = duplicates.Count(p => f.Firsts[p.Index]?.PaymentId is { } a && f.Seconds[p.Index]?.PaymentId is { } b && a == b
            && (f.Firsts[p.Index]!.Replayed || f.Seconds[p.Index]!.Replayed));
        var bothAnswered = duplicates.Count(p => f.Firsts[p.Index]?.PaymentId is not null && f.Seconds[p.Index]?.PaymentId is not null);
        checks.Add(new("a duplicate (same Idempotency-Key, any instance) answers the same payment, one of the two as a replay",
            Invariant($"{duplicates.Count} sent twice ({duplicates.Count(d => d.DuplicateAtOnce)} at the same moment): {bothAnswered} both 202, {replayedSame} the same payment with Idempotent-Replayed"),
            replayedSame == bothAnswered));

        var early = f.Plan.Where(p => p.Early).ToList();
        var earlyOk = f.EarlyAnswers.Count(a => a.Value == 200);
        checks.Add(new("early callbacks (in before Shield had the push's answer) answered 200",
            Invariant($"{f.EarlyPosted} posted for {early.Count} planned, {earlyOk} answered 200"), earlyOk == f.EarlyAnswers.Count && f.EarlyPosted >= early.Count(p => f.Pushes.ContainsKey(p.Phone))));

        // X-Forwarded-For: Shield believes nginx (KnownProxies 127.0.0.1) and stores the caller nginx names.
        var fromSource = f.CallbackSources.Where(s => s.Key.EndsWith(EarlyCallbacks.Source.ToString(), StringComparison.Ordinal)).Sum(s => s.Value);
        checks.Add(new(Invariant($"X-Forwarded-For believed from nginx: the early callbacks (sent from {EarlyCallbacks.Source}) are stored with that source"),
            Invariant($"{fromSource} callbacks stored from {EarlyCallbacks.Source}, {f.EarlyAnswers.Count} early callbacks answered"), fromSource >= f.EarlyAnswers.Count(a => a.Value == 200)));

        var text = new StringBuilder();
        var loadStart = f.AccessLog.Count == 0 ? 0 : f.AccessLog.Min(l => l.UnixSeconds);
        text.AppendLine(Invariant($"Shield fleet run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {FleetRun.Instances} instances behind nginx, Redis, PostgreSQL; logs in {f.Folder}."));
        text.AppendLine();
        text.AppendLine("| Figure | Value |");
        text.AppendLine("|---|---|");
        text.AppendLine(Invariant($"| payments started | {n} ({got202.Count} answered 202, {inDoubt.Count} without a 202 after {FleetClient.GiveUpAfter.TotalSeconds:F0} s of retries{InDoubt(inDoubt, byKey, f.Pushes)}) |"));
        text.AppendLine(Invariant($"| sent twice with the same Idempotency-Key | {duplicates.Count} ({duplicates.Count(d => d.DuplicateAtOnce)} at the same moment, the rest after the first answer); {replayedSame} answered the same payment as a replay |"));
        text.AppendLine(Invariant($"| 409 idempotency_key_in_use answers (then retried) | {f.Firsts.Concat(f.Seconds).Sum(i => i?.Statuses.Count(s => s == 409) ?? 0)} |"));
        text.AppendLine(Invariant($"| early callbacks (posted before the push was answered) | {f.EarlyPosted} of {early.Count} planned, {earlyOk} answered 200 |"));
        text.AppendLine(Invariant($"| callbacks stored, by outcome | {string.Join(", ", f.Callbacks.Select(c => $"{c.Key} {c.Value}"))} |"));
        text.AppendLine(Invariant($"| callbacks stored, by source address | {string.Join(", ", f.CallbackSources.Select(c => $"{c.Key} {c.Value}"))} |"));
        foreach (var kill in f.Kills)
        {
            text.AppendLine(Invariant($"| kill -9 of instance {kill.Instance} | at {kill.AtShare:P0} of the payments ({kill.At.ToUnixTimeMilliseconds() / 1000.0 - loadStart:F1} s into the run); restarted, ready {(kill.ReadyAt - kill.At).TotalSeconds:F1} s after the kill (start to ready {kill.RestartToReady.TotalMilliseconds:F0} ms) |"));
        }

        text.AppendLine(Invariant($"| requests through nginx | {f.AccessLog.Count} ({f.AccessLog.Count(l => l.Retried)} passed to a second instance by nginx) |"));
        text.AppendLine(Invariant($"| 5xx from nginx | {fiveXx.Count} ({outside.Count} outside the kills){timing} |"));
        text.AppendLine(Invariant($"| OAuth tokens issued for the fleet | {f.Tokens} |"));
        text.AppendLine(Invariant($"| events stored / received | {f.Events.Count} / {f.Delivery.Posts} POSTs accepted ({f.Delivery.Duplicates} duplicates), {f.Delivery.Lost} lost |"));
        text.AppendLine(Invariant($"| pushes (simulator) | {f.Pushes.Values.Sum()} to {f.Pushes.Count} phones |"));
        text.AppendLine(Invariant($"| throughput | {n / f.LoadTook.TotalSeconds:F0} payments started/s ({n} in {f.LoadTook.TotalSeconds:F1} s, with {f.Seconds.Count(s => s is not null)} duplicates and {f.Observations.Count} GETs alongside) |"));
        text.AppendLine(Invariant($"| all settled / all events received | {f.SettledAfter.TotalSeconds:F1} s / {f.WebhooksAfter.TotalSeconds:F1} s more after the last payment was started |"));
        text.AppendLine(Invariant($"| fleet start (3 instances, one after the other) | {f.StartToReady.TotalSeconds:F1} s |"));
        text.AppendLine(Invariant($"| Shield's own log (all instances and restarts) | {LogLevels(f.Folder)} |"));
        text.AppendLine();
        text.AppendLine("| Check | Measured | Met |");
        text.AppendLine("|---|---|---|");
        foreach (var c in checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {c.Measured} | {(c.Met ? "yes" : "**NO**")} |");
        }

        return new FleetReport(text.ToString(), checks);
    }

    /// <summary>Reads (GETs during the load) that saw a payment not Completed although an earlier read, already answered, saw it Completed.</summary>
    private static int Downgraded(IReadOnlyList<Observation> observations)
    {
        var count = 0;
        foreach (var reads in observations.Where(o => o.Code == 200).GroupBy(o => o.PaymentId))
        {
            var firstCompletedEnd = reads.Where(o => o.Status == "Completed").Select(o => o.Ended).DefaultIfEmpty(long.MaxValue).Min();
            count += reads.Count(o => o.Status != "Completed" && o.Started > firstCompletedEnd);
        }

        return count;
    }

    /// <summary>
    /// The kill a 5xx belongs to: from 1 s before the kill to <see cref="FleetRun.KillWindow"/> after it, or from 1 s
    /// before its restart was ready to 2 s after (not the time between: the fleet serves on the other instances then).
    /// </summary>
    private static Kill? NearestKill(AccessLogLine line, IReadOnlyList<Kill> kills) =>
        kills.FirstOrDefault(k =>
        {
            var at = k.At.ToUnixTimeMilliseconds() / 1000.0;
            var ready = k.ReadyAt.ToUnixTimeMilliseconds() / 1000.0;
            return (line.UnixSeconds >= at - 1 && line.UnixSeconds <= at + FleetRun.KillWindow.TotalSeconds)
                || (line.UnixSeconds >= ready - 1 && line.UnixSeconds <= ready + 2);
        });

    private static double Within(IEnumerable<AccessLogLine> lines, IReadOnlyList<Kill> kills) =>
        lines.Max(l => l.UnixSeconds - (NearestKill(l, kills)!.At.ToUnixTimeMilliseconds() / 1000.0));

    private static string Example(List<PlannedPayment> payments, Dictionary<string, StoredPayment> byKey) =>
        payments.Count == 0 ? "" : Invariant($" (first: {byKey[payments[0].Key].Id} {byKey[payments[0].Key].Status}, attempts {byKey[payments[0].Key].AttemptStatuses})");

    private static string InDoubt(List<PlannedPayment> inDoubt, Dictionary<string, StoredPayment> byKey, Dictionary<string, int> pushes)
    {
        if (inDoubt.Count == 0)
        {
            return "";
        }

        var states = inDoubt.GroupBy(p => byKey.TryGetValue(p.Key, out var s) ? $"{s.Status}/{s.AttemptStatuses}{(pushes.ContainsKey(p.Phone) ? ", pushed" : ", never pushed")}" : "not stored")
            .Select(g => Invariant($"{g.Count()} {g.Key}"));
        return ": " + string.Join("; ", states);
    }

    /// <summary>How many warn, fail and crit entries the instances logged (console format: "fail: Category[id]"), and the first fail's category.</summary>
    private static string LogLevels(string folder)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal) { ["warn"] = 0, ["fail"] = 0, ["crit"] = 0 };
        string? first = null;
        foreach (var file in Directory.EnumerateFiles(folder, "shield-*.log").Where(f => !f.EndsWith("shield-migrate.log", StringComparison.Ordinal)))
        {
            foreach (var line in File.ReadLines(file))
            {
                var level = line.Length > 5 && line[4] == ':' ? line[..4] : null;
                if (level is not null && levels.TryGetValue(level, out var count))
                {
                    levels[level] = count + 1;
                    if (level != "warn")
                    {
                        first ??= Invariant($"{Path.GetFileName(file)}: {line[..Math.Min(line.Length, 100)]}");
                    }
                }
            }
        }

        return Invariant($"{levels["warn"]} warn, {levels["fail"]} fail, {levels["crit"]} crit entries{(first is null ? "" : $" (first: {first})")}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
