using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Mpesa;

/// <summary>The addresses from configuration: Mpesa:BaseUrl (or the environment's host) and Mpesa:CallbackBaseUrl.</summary>
public sealed class ConfiguredDarajaAddresses(IOptions<MpesaOptions> options) : IDarajaAddresses
{
    public Uri DarajaBaseUrl => new(options.Value switch
    {
        { BaseUrl: { Length: > 0 } baseUrl } => baseUrl,
        { Environment: MpesaEnvironment.Production } => MpesaOptions.ProductionBaseUrl,
        { Environment: MpesaEnvironment.Sandbox } => MpesaOptions.SandboxBaseUrl,
        _ => throw new InvalidOperationException("Mpesa:BaseUrl is required for the simulator when Shield does not host it."),
    });

    public Uri CallbackBaseUrl => new(options.Value.CallbackBaseUrl
        ?? throw new InvalidOperationException("Mpesa:CallbackBaseUrl is not configured."));
}
