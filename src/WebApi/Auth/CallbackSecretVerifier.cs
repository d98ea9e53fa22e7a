using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Hosting;

namespace Shield.WebApi.Auth;

/// <summary>
/// Checks the secret path segment of callback URLs in constant time. Safaricom's callbacks are unsigned, so this
/// secret is what keeps forged callbacks out. Both sides are hashed first so that length leaks nothing either.
/// Mpesa:AcceptedCallbackSecrets are accepted too, so the secret can be rotated without losing callbacks in flight;
/// every accepted secret is compared, whichever matches. The secret segment of a callback path is checked (and then
/// replaced in the path) as the request is created, before anything logs it (<see cref="CallbackPathRedaction"/>);
/// the controller reads that verdict with <see cref="Admits"/>.
/// </summary>
public sealed class CallbackSecretVerifier(IOptionsMonitor<MpesaOptions> options)
{
    /// <summary>
    /// Whether this callback request carried an accepted secret: the verdict taken when the request was created.
    /// Without one (a host that does not create requests through <see cref="CallbackPathRedaction"/>), the route's
    /// secret value itself is compared; with one, that value is only the redaction marker.
    /// </summary>
    public bool Admits(HttpContext context, string? routeSecret)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CallbackSecretVerdict>() is { } verdict ? verdict.Matched : Matches(routeSecret);
    }

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
