namespace Shield.LoadHarness;

/// <summary>What one engine's webhook scenarios measured (issue 14, "Measured in the load harness").</summary>
internal sealed record WebhookReport
{
    public const double MaxLatencyP99Milliseconds = 250;

    /// <summary>Shield's attempt timeout in these runs (Webhooks:Timeout): the worker's lease is twice it plus 30 s.</summary>
    public required TimeSpan AttemptTimeout { get; init; }

    public required IReadOnlyList<TimeSpan> RetrySchedule { get; init; }

    /// <summary>The machine's 1-minute load average when the scenarios started and when they ended (the cores are shared).</summary>
    public required (double Before, double After) LoadAverage { get; init; }

    // 1. Callback to webhook received, at CallbackRate.
    public required int CallbackRate { get; init; }

    /// <summary>From Shield's 200 to each callback (read by the harness) to the receiver having the signed payment.completed.</summary>
    public required Distribution Latency { get; init; }

    /// <summary>The median latency of the first and of the last tenth of the callbacks, in the order sent: a growing queue shows here.</summary>
    public required double LatencyFirstTenthP50 { get; init; }

    public required double LatencyLastTenthP50 { get; init; }

    public required int LatencyCallbackErrors { get; init; }

    /// <summary>Shield's CPU while the measured callbacks and their webhooks ran, in cores; and how busy the machine's cores were (0 to 1).</summary>
    public required double LatencyShieldCores { get; init; }

    public required double LatencyMachineBusy { get; init; }

    public required DeliveryCheck LatencyCheck { get; init; }

    public required IReadOnlyList<WebhookStage> Stages { get; init; }

    // 2. Delivery throughput: a backlog in the outbox, delivered by a fresh instance.
    public required DeliveryCheck ThroughputCheck { get; init; }

    /// <summary>From the first webhook received to the last.</summary>
    public required TimeSpan ThroughputFirstToLast { get; init; }

    /// <summary>From the instance's process start to the last webhook received.</summary>
    public required TimeSpan ThroughputStartToLast { get; init; }

    /// <summary>How fast the event dispatcher made the deliveries (fan-out), and the worker started their POSTs, from Shield's records.</summary>
    public required double ThroughputFanOutPerSecond { get; init; }

    public required double ThroughputPostsPerSecond { get; init; }

    /// <summary>Shield's CPU per event delivered once it was ready, and how busy the machine's cores were meanwhile (0 to 1).</summary>
    public required double ThroughputCpuPerEventMilliseconds { get; init; }

    public required double ThroughputMachineBusy { get; init; }

    // 3. Receiver down, then back.
    public required TimeSpan Outage { get; init; }

    public required int OutageRefused { get; init; }

    /// <summary>Attempts Shield recorded for the outage's deliveries: each POST the receiver got (refused or accepted) should be one.</summary>
    public required int OutageAttemptsRecorded { get; init; }

    public required int OutagePosts { get; init; }

    /// <summary>From the receiver answering again to the last event received; null when not everything came.</summary>
    public required TimeSpan? DrainedAfterRecovery { get; init; }

    public required DeliveryCheck OutageCheck { get; init; }

    // 4. Shield killed (SIGKILL) during delivery, restarted on the same database.
    public required Leftovers AtKill { get; init; }

    public required int CallbacksAnsweredBeforeKill { get; init; }

    public required TimeSpan? ReceivedAfterRestart { get; init; }

    public required TimeSpan? ReceivedAfterKill { get; init; }

    public required DeliveryCheck KilledCheck { get; init; }

    public TimeSpan Lease => AttemptTimeout * 2 + TimeSpan.FromSeconds(30);

    public double ThroughputPerSecond => (ThroughputCheck.Expected - ThroughputCheck.Lost) / Math.Max(ThroughputFirstToLast.TotalSeconds, 0.001);

    public bool LatencyMet => LatencyCheck.Correct && LatencyCallbackErrors == 0 && Latency.P99 < MaxLatencyP99Milliseconds;

    /// <summary>Nothing lost, no bad signature, nothing out of order, no failed callback. Speed is reported, not judged.</summary>
    public bool Correct => LatencyCheck.Correct && LatencyCallbackErrors == 0 && ThroughputCheck.Correct && OutageCheck.Correct && KilledCheck.Correct;
}
