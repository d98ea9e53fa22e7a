using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class ReconciliationScheduleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 80)]
    [InlineData(int.MaxValue, 80)]
    public void NextQueryAfter_ConfiguredInterval_DoublesUpToEightTimesTheInterval(int queriesSoFar, int seconds)
    {
        var schedule = new ReconciliationSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3));

        Assert.Equal(At.AddSeconds(seconds), schedule.NextQueryAfter(At, queriesSoFar));
    }

    [Fact]
    public void Default_IsThirtySecondsThenFifteenSecondsThenTenMinutes()
    {
        Assert.Equal(new ReconciliationSchedule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10)), ReconciliationSchedule.Default);
    }

    [Theory]
    [InlineData(599, false)]
    [InlineData(600, true)]
    [InlineData(3600, true)]
    public void HasExpired_DefaultSchedule_AfterTenMinutes(int secondsLater, bool expired)
    {
        Assert.Equal(expired, ReconciliationSchedule.Default.HasExpired(At, At.AddSeconds(secondsLater)));
    }
}
