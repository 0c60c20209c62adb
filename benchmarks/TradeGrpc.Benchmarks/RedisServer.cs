using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TradeGrpc.Benchmarks;

/// <summary>A redis-server of its own on a free loopback port, without persistence: the replicas' messages and second cache level.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The setting that points a service at this server.</summary>
    public string Setting => $"--ConnectionStrings:Redis=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is missing: apt-get install -y redis-server");
        var port = ServiceProcess.FreePort();
        var process = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        // Its log is not needed, but an unread pipe would fill and stall it.
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServer(process, port);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await server.AnswersPingAsync())
        {
            if (DateTime.UtcNow > until || process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {port}");
            }

            await Task.Delay(20);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var reply = new byte[16];
            var read = await stream.ReadAsync(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
