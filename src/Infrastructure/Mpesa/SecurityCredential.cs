using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// The Transaction Status SecurityCredential (REFERENCE.md §5.4): the initiator password's bytes encrypted with the
/// M-Pesa certificate's RSA public key, PKCS#1 v1.5 padding (not OAEP), base64. Randomised: it differs every time.
/// </summary>
public static class SecurityCredential
{
    public static string Create(string initiatorPassword, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPublicKey()
            ?? throw new InvalidOperationException("The M-Pesa certificate has no RSA public key.");
        return Convert.ToBase64String(rsa.Encrypt(Encoding.UTF8.GetBytes(initiatorPassword), RSAEncryptionPadding.Pkcs1));
    }

    /// <summary>Loads a certificate file in PEM or DER form (Safaricom ships .cer files of either kind).</summary>
    public static X509Certificate2 LoadCertificate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificate(bytes);
    }
}
