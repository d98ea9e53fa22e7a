namespace Shield.DarajaSimulator.Reversals;

/// <summary>A reversal the simulator carried out (its result posted, or a queue timeout posted instead).</summary>
/// <param name="ReversalReceipt">The reversal's own receipt (the result's TransactionID).</param>
/// <param name="OriginalReceipt">The receipt that was reversed.</param>
/// <param name="Amount">Whole KES reversed.</param>
/// <param name="CompletedAt">When it completed: CallbackDelay after it was accepted.</param>
internal sealed record CarriedOutReversal(string ReversalReceipt, string OriginalReceipt, int Amount, DateTimeOffset CompletedAt);
