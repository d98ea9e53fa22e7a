namespace Shield.LoadHarness;

/// <summary>What one run of requests measured. Latencies are sorted, in milliseconds.</summary>
internal sealed record Measurement(int Requests, int Errors, TimeSpan Elapsed, double[] Latencies, string? FirstError)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Rounds of one scenario as one measurement: requests, errors and time add up, latencies merge.</summary>
    public static Measurement Combine(IReadOnlyList<Measurement> rounds)
    {
        var latencies = rounds.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        return new Measurement(rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors), TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
            latencies, rounds.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
    }

    private double Percentile(double p) =>
        Latencies.Length == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Length) - 1, 0, Latencies.Length - 1)];
}
