using System.Diagnostics;
using Npgsql;

namespace TradeGrpc.Testing;

/// <summary>
/// A real PostgreSQL server in a temporary folder on a free loopback port, trusting every local
/// connection; it can be stopped and started again on the same folder and port. As root, the
/// binaries run as the postgres OS user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServerUser = "postgres";

    private readonly TempDirectory folder = new();

    private PostgresServer(string binaries, int port)
    {
        Binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    private string Binaries { get; }

    private string DataDirectory => Path.Combine(folder.Path, "data");

    private string AdminConnectionString => Connection("postgres");

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        var server = new PostgresServer(
            binaries ?? throw new InvalidOperationException("PostgreSQL is not installed: ./test.sh installs it (apt-get install postgresql)."),
            FreePort.Next());
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ServerUser, server.folder.Path);
        }

        await server.RunBinaryAsync("initdb", "-D", server.DataDirectory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return Connection(name);
    }

    public async Task StartAgainAsync()
    {
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {folder.Path} -c fsync=off -c max_connections=300";
        await RunBinaryAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(folder.Path, "server.log"), "-o", options, "-W", "start");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await AcceptsConnectionsAsync())
        {
            if (DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port}.");
            }

            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        await RunBinaryAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "stop");
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        folder.Dispose();
    }

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = ServerUser, Database = database }.ConnectionString;

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private Task RunBinaryAsync(string binary, params string[] arguments)
    {
        var path = Path.Combine(Binaries, binary);
        return Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
