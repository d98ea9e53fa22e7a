using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shield.DarajaSimulator.Callbacks;
using Shield.DarajaSimulator.Endpoints;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Reversals;
using Shield.DarajaSimulator.Tokens;

namespace Shield.DarajaSimulator;

/// <summary>Registers and maps the in-process Daraja simulator (ARCHITECTURE.md §7).</summary>
public static class DarajaSimulatorExtensions
{
    /// <summary>
    /// Registers the simulator's services: options (validated at start), <see cref="DarajaSimulatorJournal"/>,
    /// <see cref="DarajaSimulatorCertificate"/> (the key Transaction Status credentials are encrypted for), token and
    /// push and reversal stores, the dispatcher of callbacks, Transaction Status and reversal results and its HTTP client, and
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddDarajaSimulator(this IServiceCollection services, Action<DarajaSimulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<DarajaSimulatorOptions>()
            .Configure(configure)
            .Validate(o => o.CallbackDelay >= TimeSpan.Zero, "Simulator:CallbackDelay must not be negative.")
            .Validate(o => Enum.IsDefined(o.Strictness),
                $"Simulator:Strictness must be {DarajaSimulatorStrictness.Documented} or {DarajaSimulatorStrictness.Strict}.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.BusinessShortCode), "The Daraja simulator needs a BusinessShortCode.")
            .Validate(o => !string.IsNullOrEmpty(o.Passkey), "The Daraja simulator needs a Passkey.")
            .Validate(o => o.InitiatorName is not null && o.InitiatorPassword is not null, "The Daraja simulator's InitiatorName and InitiatorPassword must not be null.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DarajaSimulatorJournal>();
        services.TryAddSingleton<TokenStore>();
        services.TryAddSingleton<PushStore>();
        services.TryAddSingleton<CallbackQueue>();
        services.TryAddSingleton<RequestGate>();
        services.TryAddSingleton<StrictnessRules>();
        services.TryAddSingleton<OAuthEndpoint>();
        services.TryAddSingleton<StkPushEndpoint>();
        services.TryAddSingleton<StkQueryEndpoint>();
        services.TryAddSingleton<TransactionStatusEndpoint>();
        services.TryAddSingleton<ReversalStore>();
        services.TryAddSingleton<ReversalEndpoint>();
        services.TryAddSingleton<DarajaSimulatorCertificate>();
        services.AddHostedService<CallbackDispatcher>();

        // No HTTP client logging: callback, result and timeout URLs carry a secret path segment. No redirects
        // either: Safaricom posts once, to the exact URL.
        services.AddHttpClient(CallbackDispatcher.HttpClientName, client => client.Timeout = CallbackDispatcher.PostTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();

        return services;
    }

    /// <summary>
    /// Maps Daraja's endpoints under <paramref name="prefix"/>, e.g.
    /// <c>http://127.0.0.1:5080/daraja-simulator/oauth/v1/generate</c>. They are left out of the OpenAPI document,
    /// allow anonymous callers (they check Daraja's own credentials) and are exempt from the host's rate limiting.
    /// An empty <paramref name="prefix"/> maps them at the root, as the standalone simulator (Program.cs) does.
    /// </summary>
    public static IEndpointRouteBuilder MapDarajaSimulator(this IEndpointRouteBuilder endpoints, string prefix = "/daraja-simulator")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        if (endpoints.ServiceProvider.GetService<DarajaSimulatorJournal>() is null)
        {
            throw new InvalidOperationException("Call AddDarajaSimulator() before MapDarajaSimulator().");
        }

        var group = endpoints.MapGroup(prefix);
        group.ExcludeFromDescription();
        group.AllowAnonymous();
        group.DisableRateLimiting();

        group.MapGet(OAuthEndpoint.Path, context => context.RequestServices.GetRequiredService<OAuthEndpoint>().HandleAsync(context));
        group.MapPost(StkPushEndpoint.Path, context => context.RequestServices.GetRequiredService<StkPushEndpoint>().HandleAsync(context));
        group.MapPost(StkQueryEndpoint.Path, context => context.RequestServices.GetRequiredService<StkQueryEndpoint>().HandleAsync(context));
        group.MapPost(TransactionStatusEndpoint.Path, context => context.RequestServices.GetRequiredService<TransactionStatusEndpoint>().HandleAsync(context));
        group.MapPost(ReversalEndpoint.Path, context => context.RequestServices.GetRequiredService<ReversalEndpoint>().HandleAsync(context));

        return endpoints;
    }
}
