using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>
/// The Transaction Status SecurityCredential (REFERENCE.md §5.4) with a key pair made here: the output is random, so
/// it is proven by decrypting it with the private key (RSA PKCS#1 v1.5) back to the initiator password.
/// </summary>
public sealed class SecurityCredentialCertificateTests : IDisposable
{
    private const string Password = "Safaricom999!*!";
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shield-unit", Guid.NewGuid().ToString("N"));

    public SecurityCredentialCertificateTests()
    {
        var request = new CertificateRequest("CN=test-mpesa", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public void Create_WithCertificateFile_DecryptsToThePassword(string format)
    {
        var path = Path.Combine(_directory, $"mpesa.{format}.cer");
        if (format == "pem")
        {
            File.WriteAllText(path, _certificate.ExportCertificatePem());
        }
        else
        {
            File.WriteAllBytes(path, _certificate.Export(X509ContentType.Cert));
        }

        using var loaded = SecurityCredential.LoadCertificate(path);
        var credential = SecurityCredential.Create(Password, loaded);

        var plain = _key.Decrypt(Convert.FromBase64String(credential), RSAEncryptionPadding.Pkcs1);
        Assert.Equal(Password, Encoding.UTF8.GetString(plain));
        Assert.ThrowsAny<CryptographicException>(() => _key.Decrypt(Convert.FromBase64String(credential), RSAEncryptionPadding.OaepSHA256)); // not OAEP
    }

    [Fact]
    public void Create_Twice_GivesDifferentCredentials()
    {
        Assert.NotEqual(SecurityCredential.Create(Password, _certificate), SecurityCredential.Create(Password, _certificate));
    }
}
