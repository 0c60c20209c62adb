using System.Net;
using System.Net.Sockets;

namespace TradeGrpc.Testing;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on now, for a server a test starts later.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
