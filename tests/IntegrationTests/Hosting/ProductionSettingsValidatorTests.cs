using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Auth;
using Shield.WebApi.Hosting;

namespace Shield.IntegrationTests.Hosting;

/// <summary>Each rule of what a Production host refuses, without starting one (ProductionRefusalTests starts real processes).</summary>
public sealed class ProductionSettingsValidatorTests
{
    private static readonly ProductionSettingsValidator Production = new(new HostingEnvironment { EnvironmentName = Environments.Production });

    public static TheoryData<string> DevelopmentValues => [.. PublishedSecrets.Development];

    public static TheoryData<string> SandboxValues => [.. PublishedSecrets.Sandbox];

    [Fact]
    public void Validate_GoodSandboxSettings_Succeeds()
    {
        Assert.True(Production.Validate(null, Sandbox()).Succeeded);
        Assert.True(Production.Validate(null, Clients("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")).Succeeded);
    }

    [Fact]
    public void Validate_InDevelopment_AcceptsTheSimulatorAndTheDevelopmentValues()
    {
        var development = new ProductionSettingsValidator(new HostingEnvironment { EnvironmentName = Environments.Development });
        var options = Sandbox();
        options.Environment = MpesaEnvironment.Simulator;
        options.CallbackSecret = "dev-callback-secret-0001";
        options.ConsumerKey = "shield-dev-consumer-key";

        Assert.False(development.Validate(null, options).Failed);
        Assert.False(development.Validate(null, Clients("87908cd49a971b4e95bde89aea89a649f57e7bc8a701a8e7e1e735ecbe1c4e5d")).Failed);
    }

    [Fact]
    public void Validate_Simulator_NamesMpesaEnvironment()
    {
        var options = Sandbox();
        options.Environment = MpesaEnvironment.Simulator;

        Assert.StartsWith("Mpesa:Environment=Simulator", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://daraja.example.com")]
    [InlineData("http://10.0.0.7:8080/daraja")]
    public void Validate_PlainHttpBaseUrlToAnotherHost_NamesMpesaBaseUrl(string url)
    {
        var options = Sandbox();
        options.BaseUrl = url;

        Assert.StartsWith("Mpesa:BaseUrl", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5081/daraja")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://[::1]:5081")]
    [InlineData("https://daraja.example.com")]
    public void Validate_BaseUrlOverHttpsOrToLoopback_Succeeds(string url)
    {
        var options = Sandbox();
        options.BaseUrl = url;

        Assert.Empty(Failures(options));
    }

    [Theory]
    [MemberData(nameof(DevelopmentValues))]
    public void Validate_APublishedDevelopmentValueInAnySecret_NamesEachKeyWithoutTheValue(string value)
    {
        var options = Sandbox();
        options.ConsumerKey = value;
        options.ConsumerSecret = value;
        options.Passkey = value;
        options.CallbackSecret = value;
        options.AcceptedCallbackSecrets.Add("rotation-secret-of-our-own-0001");
        options.AcceptedCallbackSecrets.Add(value);
        options.Initiator = "operator";
        options.InitiatorPassword = value;

        var failures = Failures(options);

        Assert.Equal(
            ["Mpesa:ConsumerKey", "Mpesa:ConsumerSecret", "Mpesa:Passkey", "Mpesa:CallbackSecret", "Mpesa:AcceptedCallbackSecrets:1", "Mpesa:InitiatorPassword"],
            failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.All(failures, f => Assert.DoesNotContain(value, f, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheDemoClientKeyHash_NamesItsIndex()
    {
        var failure = Assert.Single(Production.Validate(null, Clients(
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "87908cd49a971b4e95bde89aea89a649f57e7bc8a701a8e7e1e735ecbe1c4e5d")).Failures!);

        Assert.StartsWith("ApiClients:1:KeyHash", failure, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SandboxValues))]
    public void Validate_SandboxValuesAgainstTheSandbox_Succeeds(string value)
    {
        var options = Sandbox();
        options.Passkey = value;
        options.Initiator = "testapi";
        options.InitiatorPassword = value;

        Assert.Empty(Failures(options));
    }

    [Theory]
    [MemberData(nameof(SandboxValues))]
    public void Validate_SandboxValuesAgainstProductionDaraja_NamesTheKeys(string value)
    {
        var options = Sandbox();
        options.Environment = MpesaEnvironment.Production;
        options.Passkey = value;
        options.Initiator = "testapi";
        options.InitiatorPassword = value;

        var failures = Failures(options);

        Assert.Equal(["Mpesa:Passkey", "Mpesa:InitiatorPassword"], failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.All(failures, f => Assert.DoesNotContain(value, f, StringComparison.Ordinal));
    }

    private static List<string> Failures(MpesaOptions options) => [.. Production.Validate(null, options).Failures ?? []];

    private static MpesaOptions Sandbox() => new()
    {
        Environment = MpesaEnvironment.Sandbox,
        ConsumerKey = "our-own-consumer-key",
        ConsumerSecret = "our-own-consumer-secret",
        BusinessShortCode = "174379",
        Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
        CallbackBaseUrl = "https://pay.example.com",
        CallbackSecret = "our-own-callback-secret-0001",
    };

    private static ApiClientsOptions Clients(params string[] hashes)
    {
        var options = new ApiClientsOptions();
        for (var i = 0; i < hashes.Length; i++)
        {
            options.Clients.Add(new ApiClient { Id = $"client-{i}", KeyHash = hashes[i] });
        }

        return options;
    }
}
