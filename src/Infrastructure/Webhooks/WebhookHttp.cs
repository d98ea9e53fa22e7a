using System.Net;
using System.Net.Sockets;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The HTTP handler deliveries go through. It never follows redirects (a receiver could point Shield at an internal
/// address), sends no cookies, and checks every connection's address with <see cref="NetworkPolicy"/> at connect time:
/// the addresses a name resolves to now, before any packet is sent, and then the address the socket really connected
/// to. A name that resolved to a public address when the endpoint was registered and to 127.0.0.1 now (DNS rebinding)
/// is refused with <see cref="WebhookAddressRefusedException"/>.
/// </summary>
internal static class WebhookHttp
{
    /// <summary>Pooled connections are replaced this often, so a receiver's DNS change (and its new address's check) takes effect.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>At most this much of an unread answer is drained to reuse the connection; past it the connection is closed.</summary>
    public const int MaxResponseDrainSize = 64 * 1024;

    /// <summary>The delivery handler.</summary>
    /// <param name="options">The <c>Webhooks</c> section (<c>Timeout</c> bounds connecting, <c>AllowedPrivateNetworks</c> the addresses).</param>
    /// <param name="resolve">Resolves a host name; the system resolver when null (the same delegate the URL rules use).</param>
    public static SocketsHttpHandler CreateHandler(WebhooksOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = NetworkPolicy.From(options);
        var resolver = resolve ?? WebhookDns.ResolveAsync;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = PooledConnectionLifetime,
            ConnectTimeout = options.Timeout,
            MaxResponseDrainSize = MaxResponseDrainSize,
            ConnectCallback = (context, cancellationToken) =>
                ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, policy, resolver, cancellationToken),
        };
    }

    /// <summary>Resolves <paramref name="host"/>, refuses it if any address is refused, connects, and checks the connected address.</summary>
    internal static async ValueTask<Stream> ConnectAsync(
        string host, int port, NetworkPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        var addresses = await WebhookDns.AddressesOfAsync(host, resolve, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Every address is checked, not only the one connected to: a name that mixes a public and a refused address
        // is refused, as at registration.
        foreach (var address in addresses)
        {
            if (!policy.IsAllowed(address, out var reason))
            {
                throw new WebhookAddressRefusedException(host, NetworkPolicy.Normalise(address), reason!);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            EnsureAllowed(socket, host, policy);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Checks the address <paramref name="socket"/> is connected to; disposes the socket and throws when it is refused.</summary>
    internal static void EnsureAllowed(Socket socket, string host, NetworkPolicy policy)
    {
        if (socket.RemoteEndPoint is not IPEndPoint { Address: var remote })
        {
            socket.Dispose();
            throw new SocketException((int)SocketError.NotConnected);
        }

        if (!policy.IsAllowed(remote, out var reason))
        {
            socket.Dispose();
            throw new WebhookAddressRefusedException(host, NetworkPolicy.Normalise(remote), reason!);
        }
    }
}
