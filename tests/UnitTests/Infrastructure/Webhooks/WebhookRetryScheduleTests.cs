using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>When a failing delivery is tried again; jitter is a fixed number here, so every delay is exact.</summary>
public sealed class WebhookRetryScheduleTests
{
    private static readonly IReadOnlyList<TimeSpan> Default = WebhooksOptions.DefaultRetrySchedule;
    private static readonly Func<double> NoJitter = () => 0.5;

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(1, "00:00:05")]
    [InlineData(2, "00:05:00")]
    [InlineData(3, "00:30:00")]
    [InlineData(4, "02:00:00")]
    [InlineData(5, "05:00:00")]
    [InlineData(6, "10:00:00")]
    [InlineData(7, "10:00:00")]
    public void NextDelay_AfterEachFailure_FollowsTheSchedule(int failedAttempts, string expected)
    {
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            WebhookRetrySchedule.NextDelay(Default, failedAttempts, null, NoJitter));
    }

    [Fact]
    public void NextDelay_AfterAsManyFailuresAsEntries_GivesUp()
    {
        Assert.Null(WebhookRetrySchedule.NextDelay(Default, 8, null, NoJitter));
        Assert.Null(WebhookRetrySchedule.NextDelay(Default, 8, TimeSpan.FromSeconds(30), NoJitter));
    }

    [Theory]
    [InlineData(0.0, 270)]      // 90 % of 5 min
    [InlineData(0.25, 285)]
    [InlineData(0.75, 315)]
    [InlineData(1.0, 330)]      // 110 %
    public void NextDelay_Jitter_VariesTheDelayByAtMostTenPercent(double jitter, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetrySchedule.NextDelay(Default, 2, null, () => jitter));
    }

    [Fact]
    public void NextDelay_FirstEntry_IsNeverVaried()
    {
        IReadOnlyList<TimeSpan> schedule = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)];

        Assert.Equal(TimeSpan.FromSeconds(10), WebhookRetrySchedule.NextDelay(schedule, 0, null, () => 0.0));
        Assert.Equal(TimeSpan.FromSeconds(18), WebhookRetrySchedule.NextDelay(schedule, 1, null, () => 0.0));
    }

    [Fact]
    public void NextDelay_RetryAfterLongerThanTheEntry_IsHonoured()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), WebhookRetrySchedule.NextDelay(Default, 1, TimeSpan.FromMinutes(2), NoJitter));
    }

    [Fact]
    public void NextDelay_RetryAfterShorterThanTheEntry_KeepsTheEntry()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookRetrySchedule.NextDelay(Default, 2, TimeSpan.FromSeconds(10), NoJitter));
    }

    [Fact]
    public void NextDelay_RetryAfterBeyondTheLongestEntry_IsCappedAtIt()
    {
        Assert.Equal(TimeSpan.FromHours(10), WebhookRetrySchedule.NextDelay(Default, 1, TimeSpan.FromDays(365), NoJitter));
    }

    [Fact]
    public void NextDelay_RetryAfterBeyondTheLongestEntryWhenTheEntryIsJitteredAboveIt_KeepsTheEntry()
    {
        Assert.Equal(TimeSpan.FromHours(11), WebhookRetrySchedule.NextDelay(Default, 7, TimeSpan.FromDays(1), () => 1.0));
    }

    [Fact]
    public void NextDelay_NegativeFailureCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookRetrySchedule.NextDelay(Default, -1, null, NoJitter));
    }
}
