using System.Net;
using System.Net.Sockets;

namespace TradeGrpc.Testing;

/// <summary>
/// Relays loopback TCP connections to a server port. <see cref="Cut"/> closes every connection
/// and turns new ones away until <see cref="Restore"/>: a network partition between the clients
/// that use the relay and the server, while other clients reach the server directly.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool cut;

    public TcpRelay(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
        }
    }

    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var inbound = await listener.AcceptTcpClientAsync(stopping.Token);
            if (cut)
            {
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }

            _ = CopyAsync(inbound, outbound);
            _ = CopyAsync(outbound, inbound);
        }
    }

    /// <summary>Copies one direction until either side closes, then closes both.</summary>
    private static async Task CopyAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Cut, or closed by one side.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
