using System.Security.Cryptography;
using System.Text;

namespace Shield.Baseline;

/// <summary>
/// Compares a presented secret (API key, callback path secret) with the configured one as Shield does: SHA-256 of
/// both, compared in constant time.
/// </summary>
internal sealed class SecretHash(string secret)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);
}
