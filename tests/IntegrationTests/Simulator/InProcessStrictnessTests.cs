using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Simulator;

/// <summary>
/// The simulator Shield hosts under <c>/daraja-simulator</c> in Development follows <c>Simulator:Strictness</c>:
/// Documented unless set, so a client developer's library is accepted locally, and Strict for Shield's own suite
/// (<see cref="ShieldApp"/>), so Shield's adapter is held to the documentation.
/// </summary>
public sealed class InProcessStrictnessTests
{
    private const string ConsumerKey = "shield-dev-consumer-key";
    private const string ConsumerSecret = "shield-dev-consumer-secret";

    [Fact]
    public async Task StkPush_WithUtcTimestamp_ShieldsTestHostRefusesIt()
    {
        await using var app = new ShieldApp();
        using var http = Simulator(app);

        var (status, body) = await SimulatorHost.PostAsync(http, ConsumerKey, ConsumerSecret, "mpesa/stkpush/v1/processrequest", SimulatorHost.StkPush(SimulatorHost.UtcTimestamp()));

        Assert.Equal(400, status);
        Assert.Equal("Bad Request - Invalid Timestamp", body.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task StkPush_WithUtcTimestamp_DevelopmentDefaultAcceptsAndJournalsIt()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:Strictness"] = null });
        using var http = Simulator(app);

        var (status, body) = await SimulatorHost.PostAsync(http, ConsumerKey, ConsumerSecret, "mpesa/stkpush/v1/processrequest", SimulatorHost.StkPush(SimulatorHost.UtcTimestamp()));

        Assert.Equal(200, status);
        Assert.Equal("0", body.GetProperty("ResponseCode").GetString());
        Assert.Equal("Timestamp", Assert.Single(app.Journal.Deviations).Field);
    }

    private static HttpClient Simulator(ShieldApp app)
    {
        app.Anonymous().Dispose();
        return new HttpClient { BaseAddress = new Uri(app.BaseUrl, "daraja-simulator/") };
    }
}
