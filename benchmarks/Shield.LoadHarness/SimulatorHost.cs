using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.DarajaSimulator;

namespace Shield.LoadHarness;

/// <summary>
/// One Daraja simulator on loopback, with no callback delay unless asked, inside the harness. Each service under test gets its own,
/// so neither pays for the simulator's work and the harness can count each one's OAuth token requests.
/// </summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    private const string Prefix = "/daraja";
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>What the services use as their Daraja base URL (the simulator's prefix included).</summary>
    public Uri BaseUrl { get; }

    public int TokenRequests => Journal.TokenRequests;

    /// <summary>Every request the simulator received (the most recent 10,000), and its token count.</summary>
    public DarajaSimulatorJournal Journal => _app.Services.GetRequiredService<DarajaSimulatorJournal>();

    /// <param name="callbackDelay">The simulated customer's time: a paying phone's callback is posted this long after its push (none by default).</param>
    /// <param name="middleware">Runs before the simulator's endpoints (the fleet run's early callbacks); none by default.</param>
    public static async Task<SimulatorHost> StartAsync(TimeSpan? callbackDelay = null, Func<HttpContext, RequestDelegate, Task>? middleware = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddDarajaSimulator(o =>
        {
            o.CallbackDelay = callbackDelay ?? TimeSpan.Zero;
            o.ConsumerKey = HarnessCredentials.ConsumerKey;
            o.ConsumerSecret = HarnessCredentials.ConsumerSecret;
            o.BusinessShortCode = HarnessCredentials.BusinessShortCode;
            o.Passkey = HarnessCredentials.Passkey;
        });
        var app = builder.Build();
        if (middleware is not null)
        {
            app.Use(middleware);
        }

        app.MapDarajaSimulator(Prefix);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/') + Prefix));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
