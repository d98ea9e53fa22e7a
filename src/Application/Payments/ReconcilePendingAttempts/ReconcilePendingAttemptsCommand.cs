using Mediator;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>One pass of the reconciler: chase attempts without an outcome, expire the hopeless, match stray callbacks.</summary>
public sealed record ReconcilePendingAttemptsCommand : ICommand<ReconciliationReport>;
