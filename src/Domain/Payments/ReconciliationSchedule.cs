namespace Shield.Domain.Payments;

/// <summary>
/// When an attempt without an outcome is checked with STK Push Query, and when it gives up (Reconciliation:*):
/// the first query FirstQueryAfter the push was accepted, then with doubling backoff starting at Interval (never more
/// often than Interval, at most 8 × Interval apart); after ExpireAfter without an outcome the attempt expires.
/// </summary>
public sealed record ReconciliationSchedule(TimeSpan FirstQueryAfter, TimeSpan Interval, TimeSpan ExpireAfter)
{
    public const int MaxBackoffFactor = 8;

    public static ReconciliationSchedule Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10));

    /// <summary>When the next query is due after the query number <paramref name="queriesSoFar"/> was made at <paramref name="now"/>.</summary>
    public DateTimeOffset NextQueryAfter(DateTimeOffset now, int queriesSoFar)
    {
        var factor = Math.Min(MaxBackoffFactor, 1 << Math.Clamp(queriesSoFar - 1, 0, 10));
        return now + (Interval * factor);
    }

    /// <summary>True when an attempt started at <paramref name="since"/> has waited long enough to be given up.</summary>
    public bool HasExpired(DateTimeOffset since, DateTimeOffset now) => now - since >= ExpireAfter;
}
