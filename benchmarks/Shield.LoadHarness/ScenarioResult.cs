namespace Shield.LoadHarness;

/// <summary>One scenario measured on both services in the same run; <see cref="MinRatio"/> is the target, if any.</summary>
internal sealed record ScenarioResult(string Name, Measurement Shield, Measurement Baseline, double? MinRatio)
{
    public double Ratio => Shield.Throughput / Baseline.Throughput;

    public bool Met => Shield.Errors == 0 && Baseline.Errors == 0 && (MinRatio is not { } min || Ratio >= min);
}
