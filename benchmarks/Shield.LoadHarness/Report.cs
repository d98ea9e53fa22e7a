using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Shield.LoadHarness;

/// <summary>The table the harness prints: Markdown, so it can go straight into docs/performance.md.</summary>
internal static class Report
{
    public static string Render(HarnessOptions options, IReadOnlyList<EngineReport> engines, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Shield load harness, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; {options.Payments} payments measured per scenario, concurrency {options.Concurrency}, warm-up {options.Warmup}, {options.Rounds} rounds; took {took.TotalSeconds:F0} s."));
        text.AppendLine();
        text.AppendLine("| Engine | Scenario | Shield req/s | Baseline req/s | Ratio | Target | Shield p50 / p99 ms | Baseline p50 / p99 ms | Errors | Met |");
        text.AppendLine("|---|---|---:|---:|---:|---|---:|---:|---:|---|");
        foreach (var engine in engines)
        {
            foreach (var s in engine.Scenarios)
            {
                text.AppendLine(Invariant($"| {engine.Engine} | {s.Name} | {s.Shield.Throughput:F0} | {s.Baseline.Throughput:F0} | {s.Ratio:P1} | {(s.MinRatio is { } min ? $"≥ {min:P0}" : "none")} | {s.Shield.P50:F1} / {s.Shield.P99:F1} | {s.Baseline.P50:F1} / {s.Baseline.P99:F1} | {s.Shield.Errors + s.Baseline.Errors} | {YesNo(s.Met)} |"));
            }

            var paced = engine.PacedShield;
            text.AppendLine(Invariant($"| {engine.Engine} | (a) callbacks at {engine.PacedRate}/s | {paced.Throughput:F0} | {engine.PacedBaseline.Throughput:F0} | | p99 < {EngineReport.MaxPacedP99Milliseconds:F0} ms | {paced.P50:F1} / {paced.P99:F1} | {engine.PacedBaseline.P50:F1} / {engine.PacedBaseline.P99:F1} | {paced.Errors + engine.PacedBaseline.Errors} | {YesNo(engine.PacedMet)} |"));
        }

        text.AppendLine();
        text.AppendLine("| Engine | Check | Shield | Baseline | Target | Met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in engines)
        {
            text.AppendLine(Invariant($"| {e.Engine} | steady memory (median RSS under its load) / peak | {Megabytes(e.ShieldMedianBytes)} / {Megabytes(e.ShieldPeakBytes)} | {Megabytes(e.BaselineMedianBytes)} / {Megabytes(e.BaselinePeakBytes)} | steady < {Megabytes(EngineReport.MaxResidentBytes)} | {YesNo(e.MemoryMet)} |"));
            text.AppendLine(Invariant($"| {e.Engine} | start to ready: migrated database / first start with migrations | {e.StartToReady.TotalMilliseconds:F0} ms / {e.FreshStartToReady.TotalMilliseconds:F0} ms | {e.BaselineStartToReady.TotalMilliseconds:F0} ms | {(e.Engine == DatabaseEngine.Sqlite ? "< 3 s" : "none")} | {YesNo(e.StartMet)} |"));
            text.AppendLine(Invariant($"| {e.Engine} | OAuth token requests for {e.Payments} payments | {e.ShieldTokenRequests} | | 1 per 1,000 payments | {YesNo(e.TokensMet)} |"));
            text.AppendLine(Invariant($"| {e.Engine} | GETs that read the payment back Completed | {e.ShieldReadBack.Completed} of {e.ShieldReadBack.Read} | {e.BaselineReadBack.Completed} of {e.BaselineReadBack.Read} | all | {YesNo(e.ReadBackMet)} |"));
        }

        var webhooks = engines.Where(e => e.Webhooks is not null).ToList();
        if (webhooks.Count > 0)
        {
            RenderWebhooks(text, webhooks);
        }

        return text.ToString();
    }

    private static void RenderWebhooks(StringBuilder text, List<EngineReport> engines)
    {
        var first = engines[0].Webhooks!;
        text.AppendLine();
        text.AppendLine(Invariant($"Webhooks (Webhooks:Timeout {first.AttemptTimeout.TotalSeconds:F0} s, so a killed instance's leases hold for {first.Lease.TotalSeconds:F0} s; Webhooks:RetrySchedule {string.Join(", ", first.RetrySchedule.Select(Seconds))}; PollInterval 1 s for both the event dispatcher and the delivery worker):"));
        text.AppendLine();
        text.AppendLine("| Engine | Webhook scenario | Events | Measured | Target | Lost | Duplicates | Bad signatures | Out of order | Met |");
        text.AppendLine("|---|---|---:|---|---|---:|---:|---:|---:|---|");
        foreach (var engine in engines)
        {
            var w = engine.Webhooks!;
            text.AppendLine(Invariant($"| {engine.Engine} | (the machine's 1-minute load average: {w.LoadAverage.Before:F2} before, {w.LoadAverage.After:F2} after, on {Environment.ProcessorCount} cores) | | | | | | | | |"));
            Row(engine.Engine, $"callback 200 → payment.completed received, {w.CallbackRate} callbacks/s", w.LatencyCheck,
                $"p50 {w.Latency.P50:F1} / p99 {w.Latency.P99:F1} / max {w.Latency.Max:F1} ms over {w.Latency.Count} (p50 of the first tenth sent {w.LatencyFirstTenthP50:F1} ms, of the last {w.LatencyLastTenthP50:F1} ms); Shield used {w.LatencyShieldCores:F2} cores, the machine was {w.LatencyMachineBusy:P0} busy{(w.LatencyCallbackErrors == 0 ? "" : $"; {w.LatencyCallbackErrors} callback errors")}",
                $"p99 < {WebhookReport.MaxLatencyP99Milliseconds:F0} ms", w.LatencyMet);
            Row(engine.Engine, "delivery throughput: a backlog in the outbox, always-200 receiver", w.ThroughputCheck,
                $"{w.ThroughputPerSecond:F0}/s (first to last received, {w.ThroughputFirstToLast.TotalSeconds:F1} s); all in {w.ThroughputStartToLast.TotalSeconds:F1} s from process start; deliveries made at {w.ThroughputFanOutPerSecond:F0}/s, POSTs started at {w.ThroughputPostsPerSecond:F0}/s; Shield {w.ThroughputCpuPerEventMilliseconds:F2} ms CPU per event, the machine {w.ThroughputMachineBusy:P0} busy",
                "none", w.ThroughputCheck.Correct);
            Row(engine.Engine, $"receiver down {w.Outage.TotalSeconds:F0} s (503), then back", w.OutageCheck,
                $"{w.OutageRefused} POSTs refused, {w.OutageAttemptsRecorded} attempts recorded for {w.OutagePosts} POSTs; {(w.DrainedAfterRecovery is { } d ? $"all received {d.TotalSeconds:F1} s after it answered again" : "**not all received**")}",
                "0 lost, in order", w.OutageCheck.Correct);
            Row(engine.Engine, "Shield killed (SIGKILL) during delivery, restarted on the same database", w.KilledCheck,
                $"{w.AtKill.LeasedDeliveries} deliveries and {w.AtKill.LeasedEvents} outbox events held leased by the dead instance; {(w.ReceivedAfterRestart is { } r ? $"all received {r.TotalSeconds:F1} s after the restart ({w.ReceivedAfterKill!.Value.TotalSeconds:F1} s after the kill)" : "**not all received**")}",
                "0 lost, in order", w.KilledCheck.Correct);
        }

        text.AppendLine();
        text.AppendLine("| Engine | Stage of callback → webhook (measured callbacks) | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var engine in engines)
        {
            foreach (var stage in engine.Webhooks!.Stages)
            {
                text.AppendLine(Invariant($"| {engine.Engine} | {stage.Name} | {stage.Milliseconds.P50:F1} | {stage.Milliseconds.P99:F1} | {stage.Milliseconds.Max:F1} |"));
            }
        }

        void Row(DatabaseEngine engine, string scenario, DeliveryCheck check, string measured, string target, bool met) =>
            text.AppendLine(Invariant($"| {engine} | {scenario} | {check.Expected} | {measured} | {target} | {check.Lost} | {check.Duplicates} | {check.BadSignatures} | {check.OutOfOrder} | {YesNo(met)} |"));
    }

    private static string Seconds(TimeSpan t) => Invariant($"{t.TotalSeconds:0.#} s");

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static string Megabytes(long bytes) => Invariant($"{bytes / (1024.0 * 1024.0):F0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
