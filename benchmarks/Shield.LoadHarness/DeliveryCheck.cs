namespace Shield.LoadHarness;

/// <summary>
/// What one receiver got, against what it should have: each expected event (a payment's event of a type) received at
/// least once, every signature good, every envelope whole, and one payment's events in order. Duplicates (one
/// webhook-id posted again) are allowed, at least once, and counted.
/// </summary>
internal sealed record DeliveryCheck(int Expected, int Posts, int Lost, int Duplicates, int Unexpected, int BadSignatures, int Malformed, int OutOfOrder,
    string? FirstLost)
{
    /// <summary>Nothing the harness must fail on (duplicates are allowed).</summary>
    public bool Correct => Lost == 0 && Unexpected == 0 && BadSignatures == 0 && Malformed == 0 && OutOfOrder == 0;

    /// <summary>
    /// Checks <paramref name="inbox"/> against <paramref name="expected"/>. Order: within one payment, walking its POSTs
    /// as they arrived, no event may arrive after a later event of the same payment did (by the envelope's timestamp,
    /// which follows the payment's Sequence) — this also catches a stale duplicate arriving after its successor.
    /// </summary>
    public static DeliveryCheck Of(WebhookInbox inbox, IReadOnlySet<(Guid PaymentId, string Type)> expected)
    {
        var received = inbox.Snapshot();
        var got = received.Select(r => (r.PaymentId, r.Type)).ToHashSet();
        var lost = expected.Where(e => !got.Contains(e)).ToList();
        var unexpected = got.Count(g => !expected.Contains(g));
        var duplicates = received.Count - received.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
        var outOfOrder = 0;
        foreach (var payment in received.GroupBy(r => r.PaymentId))
        {
            var latest = DateTimeOffset.MinValue;
            foreach (var post in payment)
            {
                if (post.EventTimestamp < latest)
                {
                    outOfOrder++;
                }
                else
                {
                    latest = post.EventTimestamp;
                }
            }
        }

        return new DeliveryCheck(expected.Count, received.Count, lost.Count, duplicates, unexpected,
            inbox.BadSignatures, inbox.Malformed, outOfOrder,
            lost.Count == 0 ? null : $"{lost[0].Type} of payment {lost[0].PaymentId}");
    }

    public override string ToString() =>
        $"{Expected} expected, {Posts} POSTs accepted, {Lost} lost, {Duplicates} duplicates, {Unexpected} unexpected, {BadSignatures} bad signatures, " +
        $"{Malformed} malformed, {OutOfOrder} out of order{(FirstLost is null ? "" : $" (first lost: {FirstLost})")}";
}
