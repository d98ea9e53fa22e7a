using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;

namespace Shield.WebApi.Simulator;

/// <summary>
/// In Simulator mode Shield hosts the fake Daraja itself: unless configured otherwise, the adapter calls it, and it
/// calls Shield back, over real HTTP on the loopback address the server actually listens on. In Sandbox and
/// Production the configured addresses are used unchanged.
/// </summary>
internal sealed class SimulatorDarajaAddresses(IServer server, IOptions<MpesaOptions> options) : IDarajaAddresses
{
    public const string Prefix = "/daraja-simulator";

    private readonly ConfiguredDarajaAddresses _configured = new(options);

    private bool Hosted => options.Value.Environment == MpesaEnvironment.Simulator;

    public Uri DarajaBaseUrl => Hosted && string.IsNullOrEmpty(options.Value.BaseUrl)
        ? new Uri(Loopback(), Prefix)
        : _configured.DarajaBaseUrl;

    public Uri CallbackBaseUrl => Hosted && string.IsNullOrEmpty(options.Value.CallbackBaseUrl)
        ? Loopback()
        : _configured.CallbackBaseUrl;

    private Uri Loopback()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server is not listening yet, so the simulator has no address.");
        var builder = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        if (builder.Host == "localhost")
        {
            builder.Host = "127.0.0.1";
        }

        builder.Path = "/";
        return builder.Uri;
    }
}
