namespace Shield.Application.Payments.Contracts;

/// <summary>
/// The Overview's figures for the payments created in [<see cref="From"/>, <see cref="To"/>), across every client.
/// Settled means Completed, Failed, Cancelled or Expired; <see cref="SuccessRate"/> is Completed / settled (null when
/// none settled). Days are calendar days at <see cref="UtcOffset"/> (East Africa Time by default), each payment counted
/// on the day it was created. <see cref="Pending"/> is every payment Pending now, by age, whenever it was created.
/// </summary>
public sealed record PaymentStats(
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan UtcOffset,
    long CollectedAmount,
    int PaymentCount,
    int CompletedCount,
    int SettledCount,
    double? SuccessRate,
    IReadOnlyList<PaymentStatsDay> Days,
    IReadOnlyList<FailureCount> Failures,
    IReadOnlyList<PendingAgeCount> Pending);

/// <summary>One calendar day: KES collected and payments completed; payments that failed, were cancelled or expired.</summary>
public sealed record PaymentStatsDay(DateOnly Date, long CollectedAmount, int CompletedCount, int FailedCount);

/// <summary>How many payments ended with this stable failure code (cancelled_by_customer, insufficient_funds, no_outcome...).</summary>
public sealed record FailureCount(string Code, int Count);

/// <summary>How many payments are Pending at this age.</summary>
public sealed record PendingAgeCount(PendingAge Age, int Count);

/// <summary>How long a Pending payment has waited since it was created.</summary>
public enum PendingAge
{
    /// <summary>Under a minute.</summary>
    UnderOneMinute,

    /// <summary>One to five minutes.</summary>
    OneToFiveMinutes,

    /// <summary>Five to thirty minutes.</summary>
    FiveToThirtyMinutes,

    /// <summary>Thirty minutes to a day.</summary>
    ThirtyMinutesToOneDay,

    /// <summary>A day or more.</summary>
    OverOneDay,
}
