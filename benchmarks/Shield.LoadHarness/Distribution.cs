namespace Shield.LoadHarness;

/// <summary>A set of durations in milliseconds, sorted: its percentiles (nearest rank), least and greatest.</summary>
internal sealed record Distribution(double[] Sorted)
{
    public int Count => Sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Min => Sorted.Length == 0 ? double.NaN : Sorted[0];

    public double Max => Sorted.Length == 0 ? double.NaN : Sorted[^1];

    public static Distribution Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        return new Distribution(sorted);
    }

    private double Percentile(double p) =>
        Sorted.Length == 0 ? double.NaN : Sorted[Math.Clamp((int)Math.Ceiling(p * Sorted.Length) - 1, 0, Sorted.Length - 1)];
}
