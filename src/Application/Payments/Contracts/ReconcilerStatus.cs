namespace Shield.Application.Payments.Contracts;

/// <summary>
/// The reconciler's last pass in this instance (the payments' and the refunds' parts, run on one timer): when it ran,
/// how long it took, whether a part failed, and how much it did. Kept in memory: each instance knows only its own
/// passes, and a restarted one none until its first.
/// </summary>
public sealed record ReconcilerStatus
{
    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>A part of the pass threw (the database or Daraja down): it is tried again at the next tick.</summary>
    public required bool Failed { get; init; }

    /// <summary>The parts that failed: <c>payments</c>, <c>refunds</c>; empty when none did.</summary>
    public required IReadOnlyList<string> FailedParts { get; init; }

    /// <summary>Payments queried or expired and callbacks matched or swept, by the payments' part.</summary>
    public required int PaymentItemsHandled { get; init; }

    /// <summary>Refund callbacks processed, Transaction Status questions asked and refunds given to a person, by the refunds' part.</summary>
    public required int RefundItemsHandled { get; init; }

    /// <summary>Items whose own work threw (logged, tried again next pass) in parts that did not fail as a whole.</summary>
    public required int ItemsFailed { get; init; }

    /// <summary>When the last pass with no failed part finished (this one or an earlier); null when none has yet.</summary>
    public DateTimeOffset? LastSucceededAt { get; init; }

    /// <summary>Reconciliation:Interval, the time between passes: a pass much older than this means the reconciler is behind or stopped.</summary>
    public required TimeSpan Interval { get; init; }
}
