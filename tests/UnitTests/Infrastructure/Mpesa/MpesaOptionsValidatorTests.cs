using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.Infrastructure.Mpesa;

public sealed class MpesaOptionsValidatorTests : IDisposable
{
    private readonly MpesaOptionsValidator _validator = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shield-unit", Guid.NewGuid().ToString("N"));

    public MpesaOptionsValidatorTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static MpesaOptions Good(Action<MpesaOptions>? change = null)
    {
        var options = new MpesaOptions
        {
            Environment = MpesaEnvironment.Sandbox,
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
            BusinessShortCode = "174379",
            Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
            CallbackBaseUrl = "https://pay.example.com",
            CallbackSecret = "cb-secret-0123456789abcdef",
        };
        change?.Invoke(options);
        return options;
    }

    private string Failure(Action<MpesaOptions> change)
    {
        var result = _validator.Validate(null, Good(change));
        Assert.True(result.Failed, "The configuration should be refused.");
        return Assert.Single(result.Failures!);
    }

    [Fact]
    public void Validate_GoodSandboxConfiguration_Succeeds()
    {
        var result = _validator.Validate(null, Good());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_GoodProductionConfiguration_Succeeds()
    {
        var result = _validator.Validate(null, Good(o => o.Environment = MpesaEnvironment.Production));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_SimulatorWithoutCallbackBaseUrl_Succeeds()
    {
        var result = _validator.Validate(null, Good(o =>
        {
            o.Environment = MpesaEnvironment.Simulator;
            o.CallbackBaseUrl = null;
        }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_SandboxWithoutCallbackBaseUrl_NamesCallbackBaseUrl()
    {
        Assert.Contains("Mpesa:CallbackBaseUrl", Failure(o => o.CallbackBaseUrl = null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "consumer-secret")]
    [InlineData("consumer-key", "")]
    [InlineData(" ", " ")]
    public void Validate_MissingCredentials_NamesConsumerKeyAndSecret(string key, string secret)
    {
        var message = Failure(o =>
        {
            o.ConsumerKey = key;
            o.ConsumerSecret = secret;
        });

        Assert.Contains("Mpesa:ConsumerKey", message, StringComparison.Ordinal);
        Assert.Contains("Mpesa:ConsumerSecret", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("12345678")]
    [InlineData("17437a")]
    public void Validate_BadShortCode_NamesBusinessShortCode(string shortCode)
    {
        var result = _validator.Validate(null, Good(o =>
        {
            o.BusinessShortCode = shortCode;
            o.PartyB = "174379";
        }));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Mpesa:BusinessShortCode", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingPasskey_NamesPasskey()
    {
        Assert.Contains("Mpesa:Passkey", Failure(o => o.Passkey = ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTransactionType_NamesTransactionType()
    {
        Assert.Contains("Mpesa:TransactionType", Failure(o => o.TransactionType = "CustomerPayMerchant"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpCallbackInProduction_NamesCallbackBaseUrlAndHttps()
    {
        var message = Failure(o =>
        {
            o.Environment = MpesaEnvironment.Production;
            o.CallbackBaseUrl = "http://pay.example.com";
        });

        Assert.Contains("Mpesa:CallbackBaseUrl", message, StringComparison.Ordinal);
        Assert.Contains("https", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpCallbackInSandbox_Succeeds()
    {
        Assert.True(_validator.Validate(null, Good(o => o.CallbackBaseUrl = "http://pay.example.com")).Succeeded);
    }

    [Theory]
    [InlineData("https://pay.example.com/mpesa", "mpesa")]
    [InlineData("https://mpesa.example.com", "mpesa")]
    [InlineData("https://pay.example.com/m-pesa", "m-pesa")]
    [InlineData("https://safaricom-pay.example.com", "safaricom")]
    [InlineData("https://pay.example.com/query", "query")]
    public void Validate_CallbackUrlWithFilteredWord_NamesTheWord(string url, string word)
    {
        var message = Failure(o => o.CallbackBaseUrl = url);

        Assert.Contains("Mpesa:CallbackBaseUrl", message, StringComparison.Ordinal);
        Assert.Contains($"'{word}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://Pay.example.com")]
    [InlineData("https://pay.example.com/Callbacks")]
    public void Validate_CallbackUrlWithUppercase_NamesCallbackBaseUrl(string url)
    {
        var message = Failure(o => o.CallbackBaseUrl = url);

        Assert.Contains("Mpesa:CallbackBaseUrl", message, StringComparison.Ordinal);
        Assert.Contains("lowercase", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pay.example.com")]
    [InlineData("ftp://pay.example.com")]
    public void Validate_CallbackUrlNotHttp_NamesCallbackBaseUrl(string url)
    {
        Assert.Contains("Mpesa:CallbackBaseUrl", Failure(o => o.CallbackBaseUrl = url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("fifteen-chars-x")]
    [InlineData("has/slash-in-it-0123")]
    [InlineData("has space in it 0123")]
    [InlineData("my-mpesa-secret-0001")]
    [InlineData("query-secret-000001")]
    public void Validate_WeakCallbackSecret_NamesCallbackSecret(string secret)
    {
        Assert.Contains("Mpesa:CallbackSecret", Failure(o => o.CallbackSecret = secret), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600)]
    public void Validate_UnreasonableTimeout_NamesRequestTimeout(int seconds)
    {
        Assert.Contains("Mpesa:RequestTimeout", Failure(o => o.RequestTimeout = TimeSpan.FromSeconds(seconds)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadBaseUrl_NamesBaseUrl()
    {
        Assert.Contains("Mpesa:BaseUrl", Failure(o => o.BaseUrl = "sandbox.safaricom.co.ke"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTillNumber_NamesPartyB()
    {
        Assert.Contains("Mpesa:PartyB", Failure(o => o.PartyB = "till-1"), StringComparison.Ordinal);
    }

    private string WriteCertificate(bool pem)
    {
        var path = Path.Combine(_directory, pem ? "mpesa.pem.cer" : "mpesa.der.cer");
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=test-mpesa", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        if (pem)
        {
            File.WriteAllText(path, certificate.ExportCertificatePem());
        }
        else
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Cert));
        }

        return path;
    }

    [Fact]
    public void Validate_NoInitiator_SucceedsWithoutTransactionStatusSettings()
    {
        Assert.True(_validator.Validate(null, Good(o => o.Initiator = null)).Succeeded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_InitiatorWithPasswordAndCertificate_Succeeds(bool pem)
    {
        var path = WriteCertificate(pem);

        var result = _validator.Validate(null, Good(o =>
        {
            o.Initiator = "testapi";
            o.InitiatorPassword = "Safaricom999!*!";
            o.CertificatePath = path;
        }));

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public void Validate_InitiatorWithoutPassword_NamesInitiatorPassword()
    {
        var path = WriteCertificate(pem: true);

        Assert.Contains("Mpesa:InitiatorPassword", Failure(o =>
        {
            o.Initiator = "testapi";
            o.CertificatePath = path;
        }), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InitiatorWithoutCertificateInSandbox_NamesCertificatePath()
    {
        Assert.Contains("Mpesa:CertificatePath", Failure(o =>
        {
            o.Initiator = "testapi";
            o.InitiatorPassword = "Safaricom999!*!";
        }), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InitiatorWithoutCertificateForSimulator_Succeeds()
    {
        var result = _validator.Validate(null, Good(o =>
        {
            o.Environment = MpesaEnvironment.Simulator;
            o.Initiator = "testapi";
            o.InitiatorPassword = "Safaricom999!*!";
        }));

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("html")]
    public void Validate_CertificateThatIsNotACertificate_NamesCertificatePath(string kind)
    {
        var path = Path.Combine(_directory, "ProductionCertificate.cer");
        if (kind == "html")
        {
            File.WriteAllText(path, "<!DOCTYPE html><html><body>Daraja portal</body></html>");
        }

        Assert.Contains("Mpesa:CertificatePath", Failure(o =>
        {
            o.Initiator = "testapi";
            o.InitiatorPassword = "Safaricom999!*!";
            o.CertificatePath = path;
        }), StringComparison.Ordinal);
    }
}
