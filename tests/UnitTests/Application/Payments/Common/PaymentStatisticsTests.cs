using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Application.Payments.Common;

/// <summary>The Overview's arithmetic: age buckets, the success rate, East African days, and the figures summed from tallies.</summary>
public sealed class PaymentStatisticsTests
{
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    [Theory]
    [InlineData(0, PendingAge.UnderOneMinute)]
    [InlineData(59.999, PendingAge.UnderOneMinute)]
    [InlineData(60, PendingAge.OneToFiveMinutes)]
    [InlineData(299, PendingAge.OneToFiveMinutes)]
    [InlineData(300, PendingAge.FiveToThirtyMinutes)]
    [InlineData(1800, PendingAge.ThirtyMinutesToOneDay)]
    [InlineData(86_399, PendingAge.ThirtyMinutesToOneDay)]
    [InlineData(86_400, PendingAge.OverOneDay)]
    [InlineData(10_000_000, PendingAge.OverOneDay)]
    public void AgeBucket_AWait_FallsInTheBucketItsLimitStarts(double seconds, PendingAge bucket) =>
        Assert.Equal(bucket, PaymentStatistics.AgeBucket(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void SuccessRate_NothingSettled_IsNoRate_OtherwiseCompletedOverSettled()
    {
        Assert.Null(PaymentStatistics.SuccessRate(0, 0));
        Assert.Equal(0.0, PaymentStatistics.SuccessRate(0, 4));
        Assert.Equal(0.75, PaymentStatistics.SuccessRate(3, 4));
        Assert.Equal(1.0, PaymentStatistics.SuccessRate(5, 5));
    }

    [Fact]
    public void DayBoundaries_ThreeNairobiDays_AreCutAtNairobiMidnight()
    {
        var boundaries = PaymentStatistics.DayBoundaries(new DateTimeOffset(2026, 11, 1, 0, 0, 0, Eat), new DateTimeOffset(2026, 11, 4, 0, 0, 0, Eat), Eat);

        Assert.Equal(
            [Utc(2026, 10, 31, 21), Utc(2026, 11, 1, 21), Utc(2026, 11, 2, 21), Utc(2026, 11, 3, 21)],
            boundaries);
    }

    [Fact]
    public void DayBoundaries_ARangeStartingAndEndingMidDay_HasPartialFirstAndLastDays()
    {
        var from = new DateTimeOffset(2026, 11, 1, 10, 15, 0, TimeSpan.Zero); // 13:15 in Nairobi
        var to = new DateTimeOffset(2026, 11, 2, 22, 0, 0, TimeSpan.Zero); // 01:00 on 3 November in Nairobi

        var boundaries = PaymentStatistics.DayBoundaries(from, to, Eat);

        Assert.Equal([from, Utc(2026, 11, 1, 21), Utc(2026, 11, 2, 21), to], boundaries);
        Assert.Equal(new DateOnly(2026, 11, 1), PaymentStatistics.FirstDay(from, Eat));
    }

    [Fact]
    public void DayBoundaries_AnEmptyRange_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentStatistics.DayBoundaries(Utc(2026, 11, 1, 0), Utc(2026, 11, 1, 0), Eat));

    [Fact]
    public void Summarize_Tallies_GiveTheDaysTheFailuresByCodeAndTheRate()
    {
        PaymentTally[] tallies =
        [
            new(0, PaymentStatus.Completed, null, 2, 300),
            new(0, PaymentStatus.Cancelled, "cancelled_by_customer", 1, 50),
            new(1, PaymentStatus.Pending, null, 4, 400),
            new(1, PaymentStatus.Failed, "insufficient_funds", 2, 80),
            new(1, PaymentStatus.Expired, "no_outcome", 1, 10),
            new(1, PaymentStatus.Cancelled, "cancelled_by_customer", 2, 20),
            new(1, PaymentStatus.Completed, null, 1, 1000),
        ];

        var stats = PaymentStatistics.Summarize(Utc(2026, 10, 31, 21), Utc(2026, 11, 2, 21), Eat, tallies, [1, 0, 2, 0, 3]);

        Assert.Equal((1300L, 13, 3, 9), (stats.CollectedAmount, stats.PaymentCount, stats.CompletedCount, stats.SettledCount));
        Assert.Equal(3.0 / 9, stats.SuccessRate);
        Assert.Equal([new PaymentStatsDay(new DateOnly(2026, 11, 1), 300, 2, 1), new PaymentStatsDay(new DateOnly(2026, 11, 2), 1000, 1, 5)], stats.Days);
        Assert.Equal([new FailureCount("cancelled_by_customer", 3), new FailureCount("insufficient_funds", 2), new FailureCount("no_outcome", 1)], stats.Failures);
        Assert.Equal([(PendingAge.UnderOneMinute, 1), (PendingAge.OneToFiveMinutes, 0), (PendingAge.FiveToThirtyMinutes, 2), (PendingAge.ThirtyMinutesToOneDay, 0), (PendingAge.OverOneDay, 3)],
            stats.Pending.Select(p => (p.Age, p.Count)));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
