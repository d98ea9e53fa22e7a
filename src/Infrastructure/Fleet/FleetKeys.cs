using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;
using StackExchange.Redis;

namespace Shield.Infrastructure.Fleet;

/// <summary>
/// The Redis keys of this deployment. Two deployments may share one Redis (sandbox and production, two shortcodes):
/// every key is scoped by a hash of the Daraja app (consumer key, shortcode, Daraja's address), so neither reads the
/// other's token nor counts the other's limits. A phone is named by an HMAC of its number under a key derived from the
/// consumer secret, not by the number nor by a plain hash of it (Kenya's numbers are few enough to try them all).
/// Computed on first use: in Simulator mode Daraja's address is known only once the server listens.
/// </summary>
internal sealed class FleetKeys(IOptions<MpesaOptions> options, IDarajaAddresses addresses)
{
    private readonly Lazy<(string Scope, byte[] PhoneKey)> _keys = new(() =>
    {
        var mpesa = options.Value;
        var app = SHA256.HashData(Encoding.UTF8.GetBytes($"{mpesa.ConsumerKey}|{mpesa.BusinessShortCode}|{addresses.DarajaBaseUrl}"));
        var phoneKey = SHA256.HashData(Encoding.UTF8.GetBytes($"shield rate limits|{mpesa.ConsumerSecret}"));
        return ($"shield:{Convert.ToHexStringLower(app.AsSpan(0, 6))}:", phoneKey);
    }, LazyThreadSafetyMode.PublicationOnly); // a failure (the simulator's address asked before it listens) is not kept

    /// <summary>The HybridCache key of the shared OAuth token (under the cache's own instance prefix).</summary>
    public string Token => _keys.Value.Scope + "daraja:oauth-token";

    /// <summary>The Redis lock taken to refresh the token.</summary>
    public string TokenRefreshLock => _keys.Value.Scope + "daraja:oauth-token:refresh";

    /// <summary>One phone's sliding hour of pushes.</summary>
    public RedisKey Phone(Msisdn phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        var mac = HMACSHA256.HashData(_keys.Value.PhoneKey, Encoding.ASCII.GetBytes(phoneNumber.Value));
        return _keys.Value.Scope + "rl:phone:" + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>One API client's fixed minute of requests.</summary>
    public RedisKey Client(string clientId) => _keys.Value.Scope + "rl:client:" + clientId;
}
