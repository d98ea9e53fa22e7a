using System.Net;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;

namespace Shield.WebApi.Auth;

/// <summary>
/// Mpesa:CallbackAllowedIps: when set, only these addresses or ranges may post callbacks. The address is the
/// connection's, or X-Forwarded-For's when the connection comes from a proxy in ForwardedHeaders:KnownProxies.
/// </summary>
public sealed class CallbackSourcePolicy(IOptionsMonitor<MpesaOptions> options)
{
    public bool Allows(IPAddress? address)
    {
        var allowList = options.CurrentValue.CallbackAllowedIps;
        if (allowList.Count == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowList.Any(entry => IPNetwork.TryParse(entry, out var network)
            ? network.Contains(candidate)
            : IPAddress.TryParse(entry, out var single) && single.Equals(candidate));
    }
}
