using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// A console host whose single sign-on (Console:Oidc:*) points at an <see cref="OidcProvider"/> started for the tests of
/// the class, with the provider's metadata fetched over plain http (loopback only).
/// </summary>
public sealed class SingleSignOnFixture : ConsoleFixture
{
    private readonly Lazy<OidcProvider> _provider;

    public SingleSignOnFixture()
        : this(TestPorts.Free())
    {
    }

    private SingleSignOnFixture(int providerPort)
        : base(new Dictionary<string, string?>
        {
            ["Console:Oidc:Authority"] = $"http://127.0.0.1:{providerPort}/",
            ["Console:Oidc:ClientId"] = OidcProvider.ClientId,
            ["Console:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
            ["Console:Oidc:RequireHttpsMetadata"] = "false",
        })
    {
        _provider = new Lazy<OidcProvider>(() => new OidcProvider(providerPort, new Uri(App.BaseUrl, "console/signin-oidc")));
    }

    public OidcProvider Provider => _provider.Value;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Chromium.SkipReason() is null)
        {
            await Provider.StartAsync();
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider.IsValueCreated)
        {
            await _provider.Value.DisposeAsync();
        }
    }
}
