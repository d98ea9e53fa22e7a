using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Shield.DarajaSimulator;

/// <summary>
/// The simulator's stand-in for Safaricom's M-Pesa public certificate: an RSA 2048 key pair made at start, with a
/// self-signed certificate. Clients encrypt the initiator password with its public key (PKCS#1 v1.5) as Daraja
/// requires (REFERENCE.md §5.4); the simulator decrypts it with the private key.
/// </summary>
public sealed class DarajaSimulatorCertificate : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly Lazy<string> _tempFile;

    public DarajaSimulatorCertificate()
    {
        _tempFile = new Lazy<string>(() =>
        {
            var path = Path.Combine(Path.GetTempPath(), "shield-daraja-simulator", $"{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
            WriteCertificate(path);
            return path;
        });
        var request = new CertificateRequest("CN=daraja-simulator", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    /// <summary>The certificate (public part only) in PEM form.</summary>
    public string ExportCertificatePem() => _certificate.ExportCertificatePem();

    /// <summary>Writes the PEM certificate to <paramref name="path"/>, creating its folder.</summary>
    public void WriteCertificate(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ExportCertificatePem());
    }

    /// <summary>A PEM file of the certificate in the temp folder, written once per instance; returns its path.</summary>
    public string CertificateFile => _tempFile.Value;

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    internal bool TryDecrypt(string base64, out string plaintext)
    {
        plaintext = string.Empty;
        try
        {
            plaintext = System.Text.Encoding.UTF8.GetString(_key.Decrypt(Convert.FromBase64String(base64), RSAEncryptionPadding.Pkcs1));
            return true;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
