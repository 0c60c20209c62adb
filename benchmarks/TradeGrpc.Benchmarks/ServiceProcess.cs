using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// A service binary run as a child process (<c>dotnet TradeGrpc.Tariff.dll</c> from its folder)
/// on a free loopback port, its store in a given folder; stopped with SIGTERM like a container.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stopwatch sinceStart;
    private readonly ConcurrentQueue<string> outputTail = new();
    private readonly Lazy<GrpcCallCounts> calls;

    private ServiceProcess(Process process, Stopwatch sinceStart, Uri address, string token)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        Address = address;
        Channel = LoadGenerator.Channel(address, token);
        calls = new(() => GrpcCallCounts.OfProcess(process.Id));
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A setting that keeps the service to warnings: a log line per call would be measured too.</summary>
    public const string WarningsOnly = "--Logging:LogLevel:Default=Warning";

    /// <summary>
    /// A setting that lets a stream stay open for a day, not an hour: the negotiation service's watch of the
    /// tariff book would otherwise end DEADLINE_EXCEEDED in the middle of a long suite, a failed call in a run's counts.
    /// </summary>
    public const string StreamsForADay = "--Limits:MaxStreamDuration=1.00:00:00";

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The gRPC calls the process has finished, and how those that failed ended; listened to from the first use on.</summary>
    public GrpcCallCounts Calls => calls.Value;

    /// <param name="serviceDll">The service's <c>TradeGrpc.*.dll</c>.</param>
    /// <param name="dataDirectory">Its store's folder.</param>
    /// <param name="credentials">The credentials it checks callers with.</param>
    /// <param name="settings">More settings, as command-line switches (<c>--Section:Key=value</c>).</param>
    public static ServiceProcess Start(string serviceDll, string dataDirectory, BenchmarkCredentials credentials, params IEnumerable<string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serviceDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                serviceDll,
                $"--Kestrel:Endpoints:Grpc:Url={address.GetLeftPart(UriPartial.Authority)}",
                // Any free port for the HTTP/1.1 endpoint: appsettings.json's 5201 or 5202 may be taken by ./run.sh or another replica.
                "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
                $"--Storage:DataDirectory={dataDirectory}",
            },
        };
        foreach (var setting in credentials.Switches.Concat(settings))
        {
            start.ArgumentList.Add(setting);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return new ServiceProcess(process, clock, address, credentials.Token);
    }

    /// <summary>Polls grpc.health.v1 Check until it answers SERVING; the time since the process was started.</summary>
    public async Task<TimeSpan> WaitUntilServingAsync(TimeSpan timeout)
    {
        var health = new Health.HealthClient(Channel);
        while (sinceStart.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with code {process.ExitCode}:\n{string.Join('\n', outputTail)}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return sinceStart.Elapsed;
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        throw new TimeoutException($"the service was not SERVING after {timeout.TotalSeconds} s:\n{string.Join('\n', outputTail)}");
    }

    /// <summary>Time since the process was started, as <see cref="WaitUntilServingAsync"/> counts it.</summary>
    public TimeSpan SinceStart => sinceStart.Elapsed;

    /// <summary>CPU time the process has used, user and system: utime + stime of /proc/PID/stat, which .NET reads afresh on each call.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>A size from /proc/PID/status in whole MiB, as the suites print it: <c>VmRSS</c> (resident now) or <c>VmHWM</c> (resident at peak).</summary>
    public long MemoryMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidOperationException($"no {field} in /proc/{process.Id}/status");
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            // After the process: its diagnostics session ends with it.
            if (calls.IsValueCreated)
            {
                calls.Value.Dispose();
            }

            process.Dispose();
        }
    }

    private async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        outputTail.Enqueue(line);
        while (outputTail.Count > 30)
        {
            outputTail.TryDequeue(out _);
        }
    }
}
