using System.Collections.Concurrent;

namespace Shield.DarajaSimulator.Reversals;

/// <summary>
/// How much of each receipt the simulator has reversed, and the reversals it carried out by the acknowledgement's
/// OriginatorConversationID (what Transaction Status is asked by, REFERENCE.md §11.6). <see cref="TryCarryOut"/> is atomic
/// per receipt, so two concurrent reversals of one receipt never reverse more than it paid.
/// </summary>
internal sealed class ReversalStore
{
    private readonly ConcurrentDictionary<string, int> _reversedByReceipt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CarriedOutReversal> _byOriginatorConversationId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Records the reversal of <see cref="CarriedOutReversal.Amount"/> of <see cref="CarriedOutReversal.OriginalReceipt"/>,
    /// which paid <paramref name="paid"/>: refused as AlreadyReversed once the whole receipt is reversed, OverAmount past what is left.
    /// </summary>
    public ReversalCheck TryCarryOut(string originatorConversationId, CarriedOutReversal reversal, int paid)
    {
        lock (_gate)
        {
            var reversed = _reversedByReceipt.GetValueOrDefault(reversal.OriginalReceipt);
            if (reversed >= paid)
            {
                return ReversalCheck.AlreadyReversed;
            }

            if (reversed + reversal.Amount > paid)
            {
                return ReversalCheck.OverAmount;
            }

            _reversedByReceipt[reversal.OriginalReceipt] = reversed + reversal.Amount;
            _byOriginatorConversationId[originatorConversationId] = reversal;
            return ReversalCheck.CarriedOut;
        }
    }

    /// <summary>The reversal acknowledged with <paramref name="originatorConversationId"/>, if it was carried out.</summary>
    public CarriedOutReversal? FindByOriginatorConversationId(string originatorConversationId) =>
        _byOriginatorConversationId.TryGetValue(originatorConversationId, out var reversal) ? reversal : null;
}

/// <summary>What the simulator's M-Pesa makes of a reversal.</summary>
internal enum ReversalCheck
{
    CarriedOut,
    AlreadyReversed,
    OverAmount,
}
