using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Shield.DarajaSimulator;

/// <summary>
/// The simulator's stand-in for Safaricom's M-Pesa public certificate: an RSA 2048 key pair made at construction,
/// with a self-signed certificate (<c>CN=daraja-simulator</c>, valid for a year). Clients encrypt the initiator
/// password with its public key (RSA, PKCS#1 v1.5) and base64 it, as Daraja requires (REFERENCE.md §5.4); the
/// simulator decrypts the SecurityCredential with the private key, which never leaves this object.
/// Registered as a singleton by <see cref="DarajaSimulatorExtensions.AddDarajaSimulator"/>. Thread-safe.
/// </summary>
public sealed class DarajaSimulatorCertificate : IDisposable
{
    private const string SubjectName = "CN=daraja-simulator";

    /// <summary>Back-dated a little so a client whose clock runs slightly behind does not see a not-yet-valid certificate.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;
    private readonly Lock _decryptGate = new();
    private readonly Lazy<string> _temporaryFile;

    public DarajaSimulatorCertificate()
    {
        _key = RSA.Create(2048);
        var request = new CertificateRequest(SubjectName, _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now - ClockSkew, now.AddYears(1));
        _temporaryFile = new Lazy<string>(() =>
        {
            var path = Path.Combine(Path.GetTempPath(), "shield-daraja-simulator", $"{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
            WriteCertificate(path);
            return path;
        });
    }

    /// <summary>
    /// A PEM file of the certificate in the temp folder, written on first use (once per instance) and deleted when
    /// the instance is disposed; returns its path.
    /// </summary>
    public string CertificateFile => _temporaryFile.Value;

    /// <summary>The certificate (public part only) in PEM form: <c>-----BEGIN CERTIFICATE-----</c>…</summary>
    public string ExportCertificatePem() => _certificate.ExportCertificatePem();

    /// <summary>Writes <see cref="ExportCertificatePem"/> to <paramref name="path"/>, creating its folder.</summary>
    public void WriteCertificate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ExportCertificatePem());
    }

    public void Dispose()
    {
        if (_temporaryFile.IsValueCreated)
        {
            try
            {
                File.Delete(_temporaryFile.Value);
            }
            catch (IOException)
            {
                // Best effort: a leftover public certificate in the temp folder is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }

        _certificate.Dispose();
        _key.Dispose();
    }

    /// <summary>
    /// Decrypts a SecurityCredential: base64 of RSA PKCS#1 v1.5 ciphertext of UTF-8 text. False on bad base64 or a
    /// decryption failure (wrong key, wrong padding, wrong length).
    /// </summary>
    internal bool TryDecrypt(string base64, out string plaintext)
    {
        plaintext = string.Empty;
        try
        {
            var ciphertext = Convert.FromBase64String(base64);
            byte[] bytes;
            lock (_decryptGate)
            {
                bytes = _key.Decrypt(ciphertext, RSAEncryptionPadding.Pkcs1);
            }

            plaintext = Encoding.UTF8.GetString(bytes);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
