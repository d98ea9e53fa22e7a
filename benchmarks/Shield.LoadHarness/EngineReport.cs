namespace Shield.LoadHarness;

/// <summary>Everything one engine's run measured.</summary>
internal sealed record EngineReport
{
    public const double MaxPacedP99Milliseconds = 50;
    public const long MaxResidentBytes = 200L * 1024 * 1024;
    public static readonly TimeSpan MaxStartToReady = TimeSpan.FromSeconds(3);

    public required DatabaseEngine Engine { get; init; }

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>Callbacks at a fixed rate: (Shield, baseline).</summary>
    public required Measurement PacedShield { get; init; }

    public required Measurement PacedBaseline { get; init; }

    public required int PacedRate { get; init; }

    public required TimeSpan FreshStartToReady { get; init; }

    public required TimeSpan StartToReady { get; init; }

    public required TimeSpan BaselineStartToReady { get; init; }

    public required long ShieldPeakBytes { get; init; }

    public required long BaselinePeakBytes { get; init; }

    public required long ShieldMedianBytes { get; init; }

    public required long BaselineMedianBytes { get; init; }

    public required int Payments { get; init; }

    public required int ShieldTokenRequests { get; init; }

    /// <summary>Payments read back Completed after their callback / payments read, per service.</summary>
    public required (int Completed, int Read) ShieldReadBack { get; init; }

    public required (int Completed, int Read) BaselineReadBack { get; init; }

    /// <summary>The webhook scenarios, unless --no-webhooks.</summary>
    public WebhookReport? Webhooks { get; init; }

    public bool PacedMet => PacedShield.Errors == 0 && PacedShield.P99 < MaxPacedP99Milliseconds;

    /// <summary>The "steady memory": the median of the samples taken while Shield was under its own load. The peak is reported beside it.</summary>
    public bool MemoryMet => ShieldMedianBytes < MaxResidentBytes;

    public bool StartMet => Engine != DatabaseEngine.Sqlite || (StartToReady < MaxStartToReady && FreshStartToReady < MaxStartToReady);

    public bool TokensMet => ShieldTokenRequests >= 1 && ShieldTokenRequests <= Math.Max(1, (Payments + 999) / 1000);

    public bool ReadBackMet => ShieldReadBack.Completed == ShieldReadBack.Read && BaselineReadBack.Completed == BaselineReadBack.Read;

    /// <summary>
    /// True when nothing failed: no error, every payment settled, no webhook lost, badly signed or out of order.
    /// Performance targets are reported, not enforced.
    /// </summary>
    public bool Correct => Scenarios.All(s => s.Shield.Errors == 0 && s.Baseline.Errors == 0)
        && PacedShield.Errors == 0 && PacedBaseline.Errors == 0 && ReadBackMet && TokensMet && Webhooks?.Correct != false;
}
