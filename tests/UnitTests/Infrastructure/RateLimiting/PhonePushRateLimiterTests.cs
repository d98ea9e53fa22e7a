using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shield.Domain.Payments;
using Shield.Infrastructure.RateLimiting;

namespace Shield.UnitTests.Infrastructure.RateLimiting;

public sealed class PhonePushRateLimiterTests
{
    private static readonly Msisdn Phone = Msisdn.Parse("0708374149");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_BeyondTheHourlyBudget_RefusesUntilTheOldestPushLeavesTheHour()
    {
        var limiter = Limiter(permits: 2);
        Assert.True(limiter.TryAcquire(Phone, out _));
        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(limiter.TryAcquire(Phone, out _));
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.False(limiter.TryAcquire(Phone, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(30), retryAfter);

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True(limiter.TryAcquire(Phone, out _));
        Assert.False(limiter.TryAcquire(Phone, out retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(20), retryAfter);
    }

    [Fact]
    public void TryAcquire_OnePhoneSpent_LeavesOtherPhonesTheirBudget()
    {
        var limiter = Limiter(permits: 1);
        Assert.True(limiter.TryAcquire(Phone, out _));
        Assert.False(limiter.TryAcquire(Phone, out _));

        Assert.True(limiter.TryAcquire(Msisdn.Parse("0712345678"), out _));
    }

    [Fact]
    public void TryAcquire_ManyAtOnceForOnePhone_GrantsExactlyTheBudget()
    {
        var limiter = Limiter(permits: 10);
        var granted = 0;

        Parallel.For(0, 200, attempt =>
        {
            if (limiter.TryAcquire(Phone, out _))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(10, granted);
    }

    [Fact]
    public void TryAcquire_PhonesQuietForAnHour_AreForgotten()
    {
        var limiter = Limiter(permits: 3);
        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAcquire(Msisdn.Parse($"25470{i:D7}"), out _);
        }

        _clock.Advance(PhonePushRateLimiter.Window + PhonePushRateLimiter.SweepEvery);
        Assert.True(limiter.TryAcquire(Phone, out _));

        Assert.Equal(1, limiter.TrackedPhones);
    }

    [Fact]
    public void TryAcquire_PhoneStillInsideTheHour_IsNotForgottenBySweeps()
    {
        var limiter = Limiter(permits: 1);
        Assert.True(limiter.TryAcquire(Phone, out _));

        _clock.Advance(PhonePushRateLimiter.SweepEvery + TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(Msisdn.Parse("0712345678"), out _)); // triggers a sweep

        Assert.False(limiter.TryAcquire(Phone, out _));
    }

    private PhonePushRateLimiter Limiter(int permits) =>
        new(Options.Create(new RateLimitOptions { PhonePushesPerHour = permits }), _clock);
}
