using Shield.Infrastructure.Events;

namespace Shield.UnitTests.Infrastructure.Events;

/// <summary>A failing handler is tried again after 1 s, doubling each time, never later than Events:MaxBackoff.</summary>
public sealed class EventDispatcherBackoffTests
{
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void Backoff_DoublesFromOneSecondUpToTheMaximum(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), EventDispatcher.Backoff(failures, Max));
    }

    [Fact]
    public void Backoff_MaximumBelowOneSecond_IsTheMaximum()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), EventDispatcher.Backoff(1, TimeSpan.FromMilliseconds(200)));
    }
}
