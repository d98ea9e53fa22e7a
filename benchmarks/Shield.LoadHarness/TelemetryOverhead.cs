namespace Shield.LoadHarness;

/// <summary>Telemetry on against off.</summary>
internal sealed class TelemetryOverhead(HarnessOptions options, string folder, TextWriter progress)
{
    public Task<ModeReport> RunAsync()
    {
        _ = (options, folder, progress);
        return Task.FromResult(new ModeReport("", false));
    }
}
