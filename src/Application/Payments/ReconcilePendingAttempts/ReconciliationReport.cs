namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>What one reconciler pass did.</summary>
public sealed record ReconciliationReport(int Queried, int Settled, int Expired, int CallbacksMatched, int Conflicts);
