using System.Collections.Concurrent;
using System.Globalization;

namespace Shield.DarajaSimulator.Pushes;

/// <summary>
/// Accepted pushes by CheckoutRequestID, and paid ones also by receipt number. Bounded: entries older than a day
/// are dropped when one is added.
/// </summary>
internal sealed class PushStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, SimulatedPush> _pushes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedPush> _byReceipt = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores a new push under <paramref name="candidateId"/>, or, if that id is taken (two pushes to the
    /// same phone in the same millisecond), under the candidate followed by a counter.
    /// </summary>
    public SimulatedPush Add(string candidateId, DateTimeOffset now, Func<string, SimulatedPush> create)
    {
        RemoveOlderThan(now - Retention);
        var id = candidateId;
        for (var suffix = 1; ; suffix++)
        {
            var push = create(id);
            if (_pushes.TryAdd(id, push))
            {
                if (push.ReceiptNumber is { } receipt)
                {
                    // Receipts are unique (RandomIds), so this never overwrites another push.
                    _byReceipt[receipt] = push;
                }

                return push;
            }

            id = candidateId + suffix.ToString(CultureInfo.InvariantCulture);
        }
    }

    public SimulatedPush? Find(string checkoutRequestId) =>
        _pushes.TryGetValue(checkoutRequestId, out var push) ? push : null;

    /// <summary>
    /// The paid push that got <paramref name="receiptNumber"/>. A receipt exists only once the payment is final
    /// (<see cref="SimulatedPush.FinalAt"/>), whether or not its callback is delivered; before that, null.
    /// </summary>
    public SimulatedPush? FindByReceipt(string receiptNumber, DateTimeOffset now) =>
        _byReceipt.TryGetValue(receiptNumber, out var push) && now >= push.FinalAt ? push : null;

    private void RemoveOlderThan(DateTimeOffset cutoff)
    {
        foreach (var (id, push) in _pushes)
        {
            if (push.AcceptedAt < cutoff && _pushes.TryRemove(id, out _) && push.ReceiptNumber is { } receipt)
            {
                _byReceipt.TryRemove(new KeyValuePair<string, SimulatedPush>(receipt, push));
            }
        }
    }
}
