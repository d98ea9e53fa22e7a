using System.Net;
using System.Net.Sockets;
using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>The connect-time defence: the addresses a name has now, and the address a socket really reached.</summary>
public sealed class WebhookHttpTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public WebhookHttpTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task EnsureAllowed_SocketConnectedToLoopbackWhileNoRangeIsAllowed_DisposesItAndThrows()
    {
        // A dual-stack socket, as the handler uses: its remote end point is the IPv4-mapped ::ffff:127.0.0.1.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port);

        var refused = Assert.Throws<WebhookAddressRefusedException>(() => WebhookHttp.EnsureAllowed(socket, "rebind.test", new NetworkPolicy([])));

        Assert.Equal("rebind.test resolves to a loopback address, which Webhooks:AllowedPrivateNetworks does not allow", refused.Message);
        Assert.Throws<ObjectDisposedException>(() => socket.RemoteEndPoint);
    }

    [Fact]
    public async Task EnsureAllowed_SocketConnectedToAnAllowedRange_KeepsIt()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port);

        WebhookHttp.EnsureAllowed(socket, "receiver.test", new NetworkPolicy(["127.0.0.0/8"]));

        Assert.True(socket.Connected);
    }

    [Fact]
    public async Task ConnectAsync_NameWithAnAllowedAndARefusedAddress_IsRefusedBeforeConnecting()
    {
        var policy = new NetworkPolicy(["127.0.0.0/8"]);

        var refused = await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () => await WebhookHttp.ConnectAsync(
            "mixed.test", Port, policy, (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("10.0.0.7") }), CancellationToken.None));

        Assert.Equal("private", refused.Reason);
        Assert.False(_listener.Pending(), "a connection was made although the name has a refused address");
    }

    [Fact]
    public async Task ConnectAsync_AllowedName_ConnectsToItsAddress()
    {
        await using var stream = await WebhookHttp.ConnectAsync(
            "receiver.test", Port, new NetworkPolicy(["127.0.0.0/8"]), (_, _) => Task.FromResult(new[] { IPAddress.Loopback }), CancellationToken.None);

        using var accepted = await _listener.AcceptSocketAsync();
        Assert.True(accepted.Connected);
    }

    [Fact]
    public async Task ConnectAsync_NameWithoutAddresses_FailsAsHostNotFound()
    {
        var failure = await Assert.ThrowsAsync<SocketException>(async () => await WebhookHttp.ConnectAsync(
            "empty.test", Port, new NetworkPolicy([]), (_, _) => Task.FromResult(Array.Empty<IPAddress>()), CancellationToken.None));

        Assert.Equal(SocketError.HostNotFound, failure.SocketErrorCode);
    }

    [Fact]
    public void CreateHandler_NeverFollowsRedirectsOrKeepsCookiesOrUsesAProxy()
    {
        using var handler = WebhookHttp.CreateHandler(new WebhooksOptions { Timeout = TimeSpan.FromSeconds(7) });

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.False(handler.UseProxy);   // through a proxy, the connect-time check would see the proxy's address
        Assert.Equal(TimeSpan.FromSeconds(7), handler.ConnectTimeout);
        Assert.InRange(handler.PooledConnectionLifetime, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
        Assert.NotNull(handler.ConnectCallback);
    }
}
