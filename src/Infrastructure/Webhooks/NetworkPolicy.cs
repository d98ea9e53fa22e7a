using System.Net;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// Which addresses a webhook may be delivered to: none inside Shield's own host or networks (loopback, private,
/// link-local, CGNAT, multicast, broadcast, unique-local, unspecified), so that a client cannot make Shield call its
/// internal services or the cloud metadata address (169.254.169.254), unless the address lies in one of the ranges of
/// <c>Webhooks:AllowedPrivateNetworks</c>. IPv4-mapped IPv6 addresses (<c>::ffff:127.0.0.1</c>) are judged as the
/// IPv4 address they carry, which is where a dual-stack socket connects.
/// </summary>
internal sealed class NetworkPolicy
{
    private static readonly (IPNetwork Network, string Reason)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("100.64.0.0/10"), "CGNAT"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64 (an IPv4 address inside)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "NAT64 (an IPv4 address inside)"),
        (IPNetwork.Parse("2002::/16"), "6to4 (an IPv4 address inside)"),
        (IPNetwork.Parse("2001::/32"), "Teredo (an IPv4 address inside)"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private readonly IPNetwork[] _allowed;

    /// <param name="allowedNetworks">CIDR ranges that lift the refusal (<c>Webhooks:AllowedPrivateNetworks</c>).</param>
    /// <exception cref="FormatException">An entry is not a CIDR range (the options validator reports it at start first).</exception>
    public NetworkPolicy(IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks.Select(entry => IPNetwork.Parse(entry.Trim()))];
    }

    /// <summary>The policy of <c>Webhooks:AllowedPrivateNetworks</c>.</summary>
    public static NetworkPolicy From(WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NetworkPolicy(options.AllowedPrivateNetworks);
    }

    /// <summary>The address as a socket reaches it: an IPv4-mapped IPv6 address is the IPv4 address it carries.</summary>
    public static IPAddress Normalise(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    /// <param name="address">A resolved or connected address.</param>
    /// <param name="reason">When refused, a short phrase saying what the address is ("loopback", "private", "link-local",
    /// "CGNAT", "multicast", "broadcast", "reserved", "site-local", "unique-local", "unspecified"); null when allowed.</param>
    public bool IsAllowed(IPAddress address, out string? reason)
    {
        var normal = Normalise(address);
        reason = Classify(normal);
        if (reason is null || _allowed.Any(network => network.Contains(normal) || network.Contains(address)))
        {
            reason = null;
            return true;
        }

        return false;
    }

    private static string? Classify(IPAddress address)
    {
        foreach (var (network, reason) in Refused)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }
}
