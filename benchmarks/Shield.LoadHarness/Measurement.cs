namespace Shield.LoadHarness;

/// <summary>What one run of requests measured. Latencies are sorted, in milliseconds.</summary>
internal sealed record Measurement(int Requests, int Errors, TimeSpan Elapsed, double[] Latencies, string? FirstError)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    private double Percentile(double p) =>
        Latencies.Length == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Length) - 1, 0, Latencies.Length - 1)];
}
