using System.Collections.Concurrent;

namespace Shield.DarajaSimulator.Reversals;

/// <summary>
/// Which receipts the simulator has reversed, and the reversals it carried out by the acknowledgement's
/// OriginatorConversationID (what Transaction Status is asked by, REFERENCE.md §11.6). A receipt is reversed at most once:
/// <see cref="TryCarryOut"/> is atomic, so two concurrent reversals of one receipt give one success and one R000001.
/// </summary>
internal sealed class ReversalStore
{
    private readonly ConcurrentDictionary<string, CarriedOutReversal> _byOriginalReceipt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CarriedOutReversal> _byOriginatorConversationId = new(StringComparer.Ordinal);

    /// <summary>Records the reversal of <see cref="CarriedOutReversal.OriginalReceipt"/>; false when that receipt was already reversed.</summary>
    public bool TryCarryOut(string originatorConversationId, CarriedOutReversal reversal)
    {
        if (!_byOriginalReceipt.TryAdd(reversal.OriginalReceipt, reversal))
        {
            return false;
        }

        _byOriginatorConversationId[originatorConversationId] = reversal;
        return true;
    }

    /// <summary>The reversal acknowledged with <paramref name="originatorConversationId"/>, if it was carried out.</summary>
    public CarriedOutReversal? FindByOriginatorConversationId(string originatorConversationId) =>
        _byOriginatorConversationId.TryGetValue(originatorConversationId, out var reversal) ? reversal : null;
}
