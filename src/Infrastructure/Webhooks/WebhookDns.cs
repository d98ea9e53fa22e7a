using System.Net;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// How webhook host names become addresses. The URL rules and the delivery connection resolve through the same
/// delegate, so tests can make a name point anywhere (<c>rebind.test</c> to 127.0.0.1) without a DNS server.
/// </summary>
internal static class WebhookDns
{
    /// <summary>The system resolver.</summary>
    public static Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>
    /// The addresses of <paramref name="host"/>: an IP literal is itself (never sent to a resolver), a name goes
    /// through <paramref name="resolve"/>.
    /// </summary>
    public static Task<IPAddress[]> AddressesOfAsync(
        string host, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(resolve);
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var address) ? Task.FromResult<IPAddress[]>([address]) : resolve(host, cancellationToken);
    }
}
