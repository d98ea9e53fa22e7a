using Shield.Domain.Common;
using Shield.Domain.Webhooks;
using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Domain.Webhooks;

/// <summary>
/// A receiver that never answers, on a fake clock: the delivery is tried on the default schedule (at once, 5 s,
/// 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) and then given up; one that comes back in between gets it.
/// </summary>
public sealed class WebhookDeliveryScheduleTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static (WebhookEndpoint Endpoint, WebhookDelivery Delivery) Fresh()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), new ClientId("client-a"), new Uri("https://hooks.example.com/shield"), [], null, "whsec_x", T);
        return (endpoint, WebhookDelivery.For(Guid.CreateVersion7(), endpoint, Guid.CreateVersion7(), "payment.completed", Guid.CreateVersion7(), 2, "{}", T));
    }

    /// <summary>Fails every attempt as it falls due (no jitter: the middle of its ±10 %), and returns when each was made.</summary>
    private static List<DateTimeOffset> FailUntilGivenUp(WebhookEndpoint endpoint, WebhookDelivery delivery, Func<DateTimeOffset, bool>? answersAt = null)
    {
        var made = new List<DateTimeOffset>();
        while (delivery.Status == WebhookDeliveryStatus.Pending && made.Count < 20)
        {
            var now = delivery.NextAttemptAt;
            made.Add(now);
            var ok = answersAt?.Invoke(now) == true;
            var retryIn = ok ? null : WebhookRetrySchedule.NextDelay(WebhooksOptions.DefaultRetrySchedule, delivery.RoundAttempts + 1, null, () => 0.5);
            if (!ok)
            {
                endpoint.RecordFailure(false, TimeSpan.FromDays(5), now);
            }

            delivery.Record(new WebhookAttempt(Guid.CreateVersion7(), delivery.AttemptCount + 1, now, ok ? 200 : 503, 12, null, null), ok, retryIn, endpoint.IsActive, now);
        }

        return made;
    }

    [Fact]
    public void NeverAnswered_IsTriedOnTheScheduleThenGivenUp()
    {
        var (endpoint, delivery) = Fresh();

        var made = FailUntilGivenUp(endpoint, delivery);

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
                TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            made.Select((at, i) => at - (i == 0 ? T : made[i - 1])).ToList());
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(8, delivery.Attempts.Count);
        Assert.True(endpoint.IsActive); // about 27.6 hours of failures: under Webhooks:DisableAfter
    }

    [Fact]
    public void ReceiverBackAfterTwoHours_GetsItOnTheNextAttempt()
    {
        var (endpoint, delivery) = Fresh();

        var made = FailUntilGivenUp(endpoint, delivery, answersAt: at => at >= T.AddHours(2));

        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(T + TimeSpan.FromSeconds(5) + TimeSpan.FromMinutes(35) + TimeSpan.FromHours(2), made[^1]);
        Assert.Equal(200, delivery.Attempts[^1].StatusCode);
    }

    [Fact]
    public void Restart_StartsANewRoundOfTheSchedule()
    {
        var (endpoint, delivery) = Fresh();
        FailUntilGivenUp(endpoint, delivery);

        delivery.Restart(T.AddDays(2));

        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(T.AddDays(2), delivery.NextAttemptAt);
        Assert.Equal(0, delivery.RoundAttempts);
        Assert.Equal(8, delivery.AttemptCount); // the history stays
    }

    [Fact]
    public void Record_EndpointDisabledMeanwhile_GivesUpInsteadOfScheduling()
    {
        var (endpoint, delivery) = Fresh();
        endpoint.RecordFailure(gone: true, TimeSpan.FromDays(5), T);

        delivery.Record(new WebhookAttempt(Guid.CreateVersion7(), 1, T, 410, 5, null, null), false, TimeSpan.FromSeconds(5), endpoint.IsActive, T);

        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
    }
}
