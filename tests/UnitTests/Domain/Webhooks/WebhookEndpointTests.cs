using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.UnitTests.Domain.Webhooks;

/// <summary>An endpoint's secrets through a rotation, and when failures disable it.</summary>
public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static WebhookEndpoint Endpoint(params string[] types) =>
        WebhookEndpoint.Create(Guid.CreateVersion7(), new ClientId("client-a"), new Uri("https://hooks.example.com/shield"), types, "  orders  ", "whsec_first", T);

    [Fact]
    public void Create_KeepsTheTypesSortedOnce_AndTheDescriptionTrimmed()
    {
        var endpoint = Endpoint("payment.failed", "payment.completed", "payment.failed");

        Assert.Equal(["payment.completed", "payment.failed"], endpoint.EventTypes);
        Assert.Equal("orders", endpoint.Description);
        Assert.True(endpoint.Wants("payment.completed"));
        Assert.False(endpoint.Wants("payment.created"));
        Assert.True(Endpoint().Wants("payment.created")); // none listed: all
    }

    [Fact]
    public void RotateSecret_SignsWithBothUntilTheGraceEnds_ThenWithTheNewOneOnly()
    {
        var endpoint = Endpoint();

        endpoint.RotateSecret("whsec_second", TimeSpan.FromHours(24), T.AddHours(1));

        Assert.Equal(["whsec_second", "whsec_first"], endpoint.SecretsAt(T.AddHours(2)));
        Assert.Equal(["whsec_second", "whsec_first"], endpoint.SecretsAt(T.AddHours(25).AddTicks(-1)));
        Assert.Equal(["whsec_second"], endpoint.SecretsAt(T.AddHours(25)));
    }

    [Fact]
    public void RecordFailure_Gone_DisablesAtOnceAndSaysWhy()
    {
        var endpoint = Endpoint();

        Assert.True(endpoint.RecordFailure(gone: true, TimeSpan.FromDays(5), T));

        Assert.False(endpoint.IsActive);
        Assert.Equal("The endpoint answered 410 Gone.", endpoint.DisabledReason);
    }

    [Fact]
    public void RecordFailure_FailingForTheWholePeriod_Disables_AndASuccessInBetweenStartsItAgain()
    {
        var endpoint = Endpoint();
        var period = TimeSpan.FromDays(5);

        Assert.False(endpoint.RecordFailure(false, period, T));
        Assert.False(endpoint.RecordFailure(false, period, T.AddDays(3)));
        endpoint.RecordSuccess(T.AddDays(4));
        Assert.False(endpoint.RecordFailure(false, period, T.AddDays(5)));      // failing again, since day 5
        Assert.False(endpoint.RecordFailure(false, period, T.AddDays(9)));      // 4 days of it
        Assert.True(endpoint.RecordFailure(false, period, T.AddDays(10).AddHours(1))); // 5 days and an hour

        Assert.False(endpoint.IsActive);
        Assert.Contains("for 5 days", endpoint.DisabledReason, StringComparison.Ordinal);
        Assert.False(endpoint.RecordFailure(false, period, T.AddDays(10))); // already disabled: not disabled again
    }

    [Fact]
    public void RecordFailure_AgainWhileFailing_ChangesNothing_SoParallelFailuresDoNotConflict()
    {
        var endpoint = Endpoint();
        endpoint.RecordFailure(false, TimeSpan.FromDays(5), T);
        var version = endpoint.Version;

        endpoint.RecordFailure(false, TimeSpan.FromDays(5), T.AddSeconds(5));

        Assert.Equal(version, endpoint.Version);
        Assert.Equal(T, endpoint.FailingSince);
    }

    [Fact]
    public void Enable_AfterDisable_IsActiveAndNoLongerFailing()
    {
        var endpoint = Endpoint();
        endpoint.RecordFailure(gone: true, TimeSpan.FromDays(5), T);

        endpoint.Enable(T.AddDays(1));

        Assert.True(endpoint.IsActive);
        Assert.Null(endpoint.DisabledReason);
        Assert.Null(endpoint.FailingSince);
    }

    [Fact]
    public void Delete_IsNoLongerActive()
    {
        var endpoint = Endpoint();

        endpoint.Delete(T.AddMinutes(1));

        Assert.False(endpoint.IsActive);
        Assert.Equal(T.AddMinutes(1), endpoint.DeletedAt);
    }
}
