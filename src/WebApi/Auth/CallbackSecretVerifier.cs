using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;

namespace Shield.WebApi.Auth;

/// <summary>
/// Checks the secret path segment of callback URLs in constant time. Safaricom's callbacks are unsigned, so this
/// secret is what keeps forged callbacks out. Both sides are hashed first so that length leaks nothing either.
/// Mpesa:AcceptedCallbackSecrets are accepted too, so the secret can be rotated without losing callbacks in flight;
/// every accepted secret is compared, whichever matches.
/// </summary>
public sealed class CallbackSecretVerifier(IOptionsMonitor<MpesaOptions> options)
{
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var settings = options.CurrentValue;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var matched = false;
        foreach (var secret in settings.AcceptedCallbackSecrets.Prepend(settings.CallbackSecret))
        {
            matched |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        }

        return matched;
    }
}
