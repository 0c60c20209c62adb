using System.Diagnostics;
using Npgsql;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// A PostgreSQL server of its own in a scratch folder on a free loopback port, at its default
/// settings (fsync on, like a deployment: the write suite compares durable commits with SQLite's
/// synchronous = FULL), trusting local connections. As root, its binaries run as the postgres OS
/// user, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string ServerUser = "postgres";

    /// <summary>Connections one replica may hold: two replicas of each service, with some left for the suite.</summary>
    private const int ReplicaPoolSize = 20;

    private readonly ScratchFolder folder = new();
    private readonly string binaries;

    private PostgresServer(string binaries) => this.binaries = binaries;

    public int Port { get; } = ServiceProcess.FreePort();

    private string DataDirectory => Path.Combine(folder.Path, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        var server = new PostgresServer(binaries ?? throw new InvalidOperationException("PostgreSQL is missing: apt-get install -y postgresql"));
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ServerUser, server.folder.Path);
        }

        await server.RunBinaryAsync("initdb", "-D", server.DataDirectory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--locale=C");
        // Two replicas of a service hold a pool each; the default 100 connections are enough.
        await server.RunBinaryAsync("pg_ctl", "-D", server.DataDirectory, "-l", Path.Combine(server.folder.Path, "server.log"), "-w",
            "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {server.folder.Path}", "start");
        return server;
    }

    /// <summary>
    /// The settings that put the store of <paramref name="service"/> (<c>Tariff</c> or
    /// <c>Negotiation</c>) in a new, empty database of its name on this server. Replicas of one
    /// service are given the same settings: they share the store.
    /// </summary>
    public async Task<string[]> CreateStoreAsync(string service)
    {
        var database = service.ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(Connection("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync();
        }

        // As docker-compose.yml sizes them: the replicas' pools together stay under the server's 100
        // connections (Npgsql's default pool of 100 each let a burst of 1,000 watches opened on two
        // replicas reach PostgreSQL's limit, and some were refused).
        var replicaConnection = new NpgsqlConnectionStringBuilder(Connection(database)) { MaxPoolSize = ReplicaPoolSize }.ConnectionString;
        return ["--Storage:Provider=PostgreSql", $"--ConnectionStrings:{service}={replicaConnection}"];
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunBinaryAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "stop");
        folder.Dispose();
    }

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = ServerUser, Database = database }.ConnectionString;

    private Task RunBinaryAsync(string binary, params string[] arguments)
    {
        var path = Path.Combine(binaries, binary);
        return Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
