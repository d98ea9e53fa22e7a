using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;

namespace Shield.WebApi.Auth;

/// <summary>
/// Checks the secret path segment of callback URLs in constant time. Safaricom's callbacks are unsigned, so this
/// secret is what keeps forged callbacks out. Both sides are hashed first so that length leaks nothing either.
/// </summary>
public sealed class CallbackSecretVerifier(IOptionsMonitor<MpesaOptions> options)
{
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.CurrentValue.CallbackSecret));
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
    }
}
