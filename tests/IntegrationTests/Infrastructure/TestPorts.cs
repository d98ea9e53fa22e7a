using System.Net;
using System.Net.Sockets;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>A loopback port no one listens on now (the system picks it), for a host a test starts.</summary>
public static class TestPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
