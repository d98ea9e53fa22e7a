namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>What one reconciler pass did. <see cref="Failed"/> counts the payments and callbacks whose work threw (logged; retried next pass).</summary>
public sealed record ReconciliationReport(int Queried, int Settled, int Expired, int CallbacksMatched, int CallbacksSwept, int Failed)
{
    public bool DidNothing => this is { Queried: 0, Settled: 0, Expired: 0, CallbacksMatched: 0, CallbacksSwept: 0, Failed: 0 };
}
