namespace Shield.LoadHarness;

/// <summary>1 instance against 3 behind nginx on PostgreSQL.</summary>
internal sealed class FleetCompare(HarnessOptions options, string folder, TextWriter progress)
{
    public Task<ModeReport> RunAsync()
    {
        _ = (options, folder, progress);
        return Task.FromResult(new ModeReport("", false));
    }
}
