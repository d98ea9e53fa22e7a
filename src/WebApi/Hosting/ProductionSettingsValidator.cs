using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Auth;

namespace Shield.WebApi.Hosting;

/// <summary>
/// What a Production host (<see cref="HostEnvironmentEnvExtensions.IsProduction"/>) refuses to start with, each
/// failure naming the key and never its value (ADR 0007):
/// <list type="bullet">
/// <item>Mpesa:Environment=Simulator: the simulator completes payments with made-up receipts and gives anyone a token;</item>
/// <item>Mpesa:BaseUrl over plain http to a host that is not loopback: the consumer credentials would cross the network in clear;</item>
/// <item>any secret setting holding one of Shield's published development values (<see cref="PublishedSecrets.Development"/>);</item>
/// <item>with Mpesa:Environment=Production, Safaricom's public sandbox values (<see cref="PublishedSecrets.Sandbox"/>).</item>
/// </list>
/// Other environments (Development, the tests) are not checked here.
/// </summary>
internal sealed class ProductionSettingsValidator(IHostEnvironment environment)
    : IValidateOptions<MpesaOptions>, IValidateOptions<ApiClientsOptions>, IValidateOptions<OperatorConsole.ConsoleOptions>
{
    private const string Section = MpesaOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MpesaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (options.Environment == MpesaEnvironment.Simulator)
        {
            failures.Add($"{Section}:Environment=Simulator is refused by a Production host: the simulator completes payments with made-up receipts and gives any caller a token. Use Sandbox or Production (the simulator is for ASPNETCORE_ENVIRONMENT=Development).");
        }

        if (Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback)
        {
            failures.Add($"{Section}:BaseUrl uses plain http to a host that is not loopback: the consumer key and secret would cross the network in clear. Use https.");
        }

        var production = options.Environment == MpesaEnvironment.Production;
        Check($"{Section}:{nameof(MpesaOptions.ConsumerKey)}", options.ConsumerKey, production, failures);
        Check($"{Section}:{nameof(MpesaOptions.ConsumerSecret)}", options.ConsumerSecret, production, failures);
        Check($"{Section}:{nameof(MpesaOptions.Passkey)}", options.Passkey, production, failures);
        Check($"{Section}:{nameof(MpesaOptions.CallbackSecret)}", options.CallbackSecret, production, failures);
        for (var i = 0; i < options.AcceptedCallbackSecrets.Count; i++)
        {
            Check($"{Section}:{nameof(MpesaOptions.AcceptedCallbackSecrets)}:{i}", options.AcceptedCallbackSecrets[i], production, failures);
        }

        Check($"{Section}:{nameof(MpesaOptions.InitiatorPassword)}", options.InitiatorPassword, production, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, ApiClientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            Check($"{ApiClientsOptions.SectionName}:{i}:{nameof(ApiClient.KeyHash)}", options.Clients[i].KeyHash, sandboxRefused: false, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The console's demo operator (admin / shield-dev-admin) is Development's: a Production host refuses its hash.</summary>
    public ValidateOptionsResult Validate(string? name, OperatorConsole.ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Operators.Count; i++)
        {
            Check($"{OperatorConsole.ConsoleOptions.SectionName}:Operators:{i}:PasswordHash", options.Operators[i].PasswordHash, sandboxRefused: false, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, string? value, bool sandboxRefused, List<string> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (PublishedSecrets.Development.Contains(value))
        {
            failures.Add($"{key} holds a development value published in Shield's repository (src/WebApi/appsettings*.json), so anyone can use it: a Production host refuses it. Set a value of your own (README, Configuration).");
        }
        else if (sandboxRefused && PublishedSecrets.Sandbox.Contains(value))
        {
            failures.Add($"{key} holds Safaricom's public sandbox value, which Mpesa:Environment=Production refuses: use the Go-Live value from the Daraja portal.");
        }
    }
}
