using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// What a Production host refuses to start with, as an operator would see it: exit code 1 and one line naming the
/// setting, never its value, never a stack trace. Each case changes one setting of a configuration that starts.
/// </summary>
public sealed class ProductionRefusalTests
{
    private const string ApiKey = "refusal-test-key-0001";
    private static readonly Uri Daraja = new("http://127.0.0.1:9/");

    public static TheoryData<string, string, string> PublishedValues => new()
    {
        { "Mpesa__CallbackSecret", "dev-callback-secret-0001", "Mpesa:CallbackSecret" },
        { "Mpesa__AcceptedCallbackSecrets__0", "dev-callback-secret-0001", "Mpesa:AcceptedCallbackSecrets:0" },
        { "Mpesa__ConsumerKey", "shield-dev-consumer-key", "Mpesa:ConsumerKey" },
        { "Mpesa__ConsumerSecret", "shield-dev-consumer-secret", "Mpesa:ConsumerSecret" },
        { "ApiClients__0__KeyHash", "87908cd49a971b4e95bde89aea89a649f57e7bc8a701a8e7e1e735ecbe1c4e5d", "ApiClients:0:KeyHash" },
    };

    [Fact]
    public async Task Start_InProductionWithTheSimulator_Refuses()
    {
        var settings = Settings();
        settings["Mpesa__Environment"] = "Simulator";

        var output = await Refused(settings, "Mpesa:Environment");

        Assert.Contains("Simulator", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublishedValues))]
    public async Task Start_InProductionWithAPublishedDevelopmentValue_RefusesWithoutEchoingIt(string variable, string value, string key)
    {
        var settings = Settings();
        settings[variable] = value;

        var output = await Refused(settings, key);

        Assert.DoesNotContain(value, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AgainstDarajaOverPlainHttpToAnotherHost_Refuses()
    {
        var settings = Settings();
        settings["Mpesa__BaseUrl"] = "http://daraja.example.com/";

        await Refused(settings, "Mpesa:BaseUrl");
    }

    [Fact]
    public async Task Start_AgainstProductionDarajaWithTheSandboxPasskey_Refuses()
    {
        var settings = Settings();
        settings["Mpesa__Environment"] = "Production";
        settings["Mpesa__CallbackBaseUrl"] = "https://pay.example.com";

        var output = await Refused(settings, "Mpesa:Passkey");

        Assert.DoesNotContain(ProductionSettings.SandboxPasskey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AgainstProductionDarajaWithTheSandboxInitiatorPassword_Refuses()
    {
        var certificate = Path.Combine(Path.GetTempPath(), $"shield-test-{Guid.NewGuid():N}.cer");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(certificate, created.ExportCertificatePem());
        }

        try
        {
            var settings = Settings();
            settings["Mpesa__Environment"] = "Production";
            settings["Mpesa__CallbackBaseUrl"] = "https://pay.example.com";
            settings["Mpesa__Passkey"] = "go-live-passkey-of-this-test-0001";
            settings["Mpesa__Initiator"] = "testapi";
            settings["Mpesa__InitiatorPassword"] = "Safaricom999!*!";
            settings["Mpesa__CertificatePath"] = certificate;

            var output = await Refused(settings, "Mpesa:InitiatorPassword");

            Assert.DoesNotContain("Safaricom999!*!", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Mpesa:Passkey", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    private static Dictionary<string, string?> Settings() => ProductionSettings.Valid(Daraja, ProductionSettings.NewSecret(), ApiKey);

    /// <summary>Starts the process, expects it to exit with 1 and a clear line naming the key; returns its output.</summary>
    private static async Task<string> Refused(Dictionary<string, string?> settings, string key)
    {
        await using var shield = ShieldProcess.Start(settings);

        Assert.False(await shield.WaitForLiveAsync(), $"The service started. Output:\n{shield.Output}");
        Assert.Equal(1, shield.ExitCode);
        Assert.Contains(shield.ErrorLines, line => line.StartsWith("Shield cannot start: ", StringComparison.Ordinal) && line.Contains(key, StringComparison.Ordinal));
        StartupFailureTests.AssertNoStackTrace(shield.Output);
        return shield.Output;
    }
}
