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

        return text.ToString();
    }

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static string Megabytes(long bytes) => Invariant($"{bytes / (1024.0 * 1024.0):F0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
