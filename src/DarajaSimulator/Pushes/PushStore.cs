using System.Collections.Concurrent;
using System.Globalization;

namespace Shield.DarajaSimulator.Pushes;

/// <summary>Accepted pushes by CheckoutRequestID. Bounded: entries older than a day are dropped when one is added.</summary>
internal sealed class PushStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, SimulatedPush> _pushes = new(StringComparer.Ordinal);

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
                return push;
            }

            id = candidateId + suffix.ToString(CultureInfo.InvariantCulture);
        }
    }

    public SimulatedPush? Find(string checkoutRequestId) =>
        _pushes.TryGetValue(checkoutRequestId, out var push) ? push : null;

    /// <summary>The paid push that got this receipt, once its outcome is final.</summary>
    public SimulatedPush? FindByReceipt(string receiptNumber, DateTimeOffset now) =>
        _pushes.Values.FirstOrDefault(p => p.ReceiptNumber == receiptNumber && now >= p.FinalAt);

    private void RemoveOlderThan(DateTimeOffset cutoff)
    {
        foreach (var (id, push) in _pushes)
        {
            if (push.AcceptedAt < cutoff)
            {
                _pushes.TryRemove(id, out _);
            }
        }
    }
}
