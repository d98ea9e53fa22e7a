using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// The arithmetic of the Overview, apart from the database: where a range's calendar days begin at an offset, which age
/// bucket a wait falls in, the success rate, and the figures summed from the database's tallies.
/// </summary>
public static class PaymentStatistics
{
    /// <summary>Kenya's time (East Africa Time, no daylight saving): the console's days.</summary>
    public static TimeSpan EastAfricaTime { get; } = TimeSpan.FromHours(3);

    /// <summary>The upper bounds of the age buckets below the last (<see cref="PendingAge"/>), shortest first.</summary>
    public static IReadOnlyList<TimeSpan> AgeLimits { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromDays(1)];

    /// <summary>The bucket of a wait of <paramref name="age"/>: a limit belongs to the bucket above it (exactly 1 minute is 1-5 minutes).</summary>
    public static PendingAge AgeBucket(TimeSpan age)
    {
        for (var i = 0; i < AgeLimits.Count; i++)
        {
            if (age < AgeLimits[i])
            {
                return (PendingAge)i;
            }
        }

        return PendingAge.OverOneDay;
    }

    /// <summary>Completed / settled, or null when nothing settled (no rate rather than a made-up 0% or 100%).</summary>
    public static double? SuccessRate(int completed, int settled) => settled == 0 ? null : (double)completed / settled;

    /// <summary>Whether a payment of this status is settled (anything but Pending).</summary>
    public static bool IsSettled(PaymentStatus status) => status != PaymentStatus.Pending;

    /// <summary>Whether a payment of this status ended without the customer paying.</summary>
    public static bool IsFailed(PaymentStatus status) => status is PaymentStatus.Failed or PaymentStatus.Cancelled or PaymentStatus.Expired;

    /// <summary>
    /// The slot boundaries of [<paramref name="from"/>, <paramref name="to"/>) cut at each local midnight at
    /// <paramref name="offset"/>: from, the midnights between, to (UTC). Slot i is the calendar day
    /// <c>FirstDay(from, offset).AddDays(i)</c>; the first and last slots may be partial days.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> DayBoundaries(DateTimeOffset from, DateTimeOffset to, TimeSpan offset)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The range ends after it starts.");
        }

        var boundaries = new List<DateTimeOffset> { from.ToUniversalTime() };
        var midnight = new DateTimeOffset(FirstDay(from, offset).AddDays(1).ToDateTime(TimeOnly.MinValue), offset);
        for (; midnight < to; midnight = midnight.AddDays(1))
        {
            boundaries.Add(midnight.ToUniversalTime());
        }

        boundaries.Add(to.ToUniversalTime());
        return boundaries;
    }

    /// <summary>The calendar day, at <paramref name="offset"/>, that <paramref name="instant"/> falls on.</summary>
    public static DateOnly FirstDay(DateTimeOffset instant, TimeSpan offset) => DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);

    /// <summary>The Overview's figures from the database's tallies of the days' slots and its count of pending payments by age.</summary>
    public static PaymentStats Summarize(DateTimeOffset from, DateTimeOffset to, TimeSpan offset, IReadOnlyList<PaymentTally> tallies,
        IReadOnlyList<int> pendingByAge)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(pendingByAge);
        var firstDay = FirstDay(from, offset);
        var slots = DayBoundaries(from, to, offset).Count - 1;
        var days = Enumerable.Range(0, slots).Select(slot =>
        {
            var own = tallies.Where(t => t.Slot == slot).ToList();
            var completed = own.Where(t => t.Status == PaymentStatus.Completed).ToList();
            return new PaymentStatsDay(firstDay.AddDays(slot), completed.Sum(t => t.Amount), completed.Sum(t => t.Count),
                own.Where(t => IsFailed(t.Status)).Sum(t => t.Count));
        }).ToList();
        var completedCount = tallies.Where(t => t.Status == PaymentStatus.Completed).Sum(t => t.Count);
        var settled = tallies.Where(t => IsSettled(t.Status)).Sum(t => t.Count);
        var failures = tallies.Where(t => IsFailed(t.Status))
            .GroupBy(t => t.FailureCode ?? "unknown")
            .Select(g => new FailureCount(g.Key, g.Sum(t => t.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        var pending = pendingByAge.Select((count, i) => new PendingAgeCount((PendingAge)i, count)).ToList();
        return new PaymentStats(from, to, offset, days.Sum(d => d.CollectedAmount), tallies.Sum(t => t.Count), completedCount, settled,
            SuccessRate(completedCount, settled), days, failures, pending);
    }
}
