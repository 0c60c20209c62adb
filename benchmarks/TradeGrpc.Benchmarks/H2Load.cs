using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// What one h2load run measured: calls/s, the HTTP outcome of every request, and latencies from its
/// per-request log. <paramref name="Unfinished"/> counts the calls still in flight when a timed run
/// (<c>-D</c>) stopped: the server may have done them, but h2load counts them nowhere else.
/// <paramref name="Elapsed"/> is how long h2load ran, and <paramref name="Cpu"/> the CPU time each
/// process asked about used meanwhile: the checks before and after are in neither.
/// </summary>
internal sealed record H2LoadRun(double CallsPerSecond, long Succeeded, long Unfinished, TimeSpan P50, TimeSpan P99, TimeSpan Elapsed, IReadOnlyList<TimeSpan> Cpu)
{
    /// <summary>A latency as the tables print it: milliseconds to two places.</summary>
    public static string Ms(TimeSpan latency) => latency.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + "ms";
}

/// <summary>
/// h2load (Debian nghttp2-client), an external client, so that what a run costs is the server's
/// work, not a .NET client's in the same process. It sees HTTP statuses only, never grpc-status:
/// each run checks every call's status in the server's own counts (<see cref="GrpcCallCounts"/>).
/// </summary>
internal static partial class H2Load
{
    /// <summary>Installs nghttp2-client with apt-get when h2load is missing and this runs as root; otherwise fails saying what to run.</summary>
    public static async Task EnsureInstalledAsync()
    {
        if (await ExitCodeAsync("h2load", "--version") == 0)
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("h2load is missing: sudo apt-get install -y nghttp2-client");
        }

        Console.WriteLine("h2load is missing: apt-get install -y nghttp2-client");
        if (await ExitCodeAsync("apt-get", "update", "-q") != 0 || await ExitCodeAsync("apt-get", "install", "-y", "-q", "nghttp2-client") != 0)
        {
            throw new InvalidOperationException("apt-get could not install nghttp2-client");
        }
    }

    /// <summary>The gRPC frame of a request: no compression, its length big-endian, the message.</summary>
    public static byte[] Framed(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Loads <paramref name="url"/> (<c>http://host:port/package.Service/Method</c>) with the framed request in
    /// <paramref name="requestFile"/> from <paramref name="clients"/> connections of <paramref name="streams"/>
    /// calls in flight each, for a number of calls (<c>-n</c>) or seconds (<c>-D</c>). Fails if h2load reports a
    /// failed or errored request, if any response's HTTP status is not 200, or if the server's own
    /// <paramref name="counts"/> show a call of the run that did not end OK (<see cref="CheckStatuses"/>).
    /// <paramref name="cpuClocks"/> read the CPU time of the processes whose use while h2load runs is wanted.
    /// </summary>
    public static async Task<H2LoadRun> RunAsync(
        string url, string requestFile, string token, int clients, int streams, string load, string scratch, GrpcCallCounts counts,
        params IReadOnlyList<Func<TimeSpan>> cpuClocks)
    {
        var before = await counts.SettledAsync(SettleTimeout);
        var log = Path.Combine(scratch, "h2load.tsv");
        // h2load appends to its log: each run starts it afresh.
        File.Delete(log);
        var start = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in load.Split(' ').Concat(
            [
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-m", streams.ToString(CultureInfo.InvariantCulture),
                "-H", "content-type:application/grpc", "-H", "te:trailers", "-H", $"authorization:Bearer {token}",
                "-d", requestFile, $"--log-file={log}", url,
            ]))
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = cpuClocks.Select(c => c()).ToArray();
        var clock = Stopwatch.StartNew();
        using var h2load = Process.Start(start) ?? throw new InvalidOperationException("h2load did not start");
        var output = await h2load.StandardOutput.ReadToEndAsync();
        await h2load.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        TimeSpan[] cpu = [.. cpuClocks.Select((c, i) => c() - cpuBefore[i])];
        var counted = Counts().Match(output);
        if (h2load.ExitCode != 0 || !counted.Success || counted.Groups["failed"].Value != "0" || counted.Groups["errored"].Value != "0")
        {
            throw new InvalidOperationException($"h2load calls failed on {url}:\n{output}");
        }

        // Columns: start (us since the epoch), HTTP status (-1 for a failed stream), microseconds to the end of the response.
        var rows = File.ReadLines(log).Select(line => line.Split('\t')).ToList();
        var notOk = rows.Count(r => r[1] != "200");
        var latencies = rows.Select(r => long.Parse(r[2], CultureInfo.InvariantCulture)).Order().ToArray();
        if (notOk > 0 || latencies.Length == 0)
        {
            throw new InvalidOperationException($"{notOk} of {rows.Count} responses from {url} were not HTTP 200:\n{output}");
        }

        var run = new H2LoadRun(
            double.Parse(Rate().Match(output).Groups["rate"].Value, CultureInfo.InvariantCulture),
            long.Parse(counted.Groups["succeeded"].Value, CultureInfo.InvariantCulture),
            long.Parse(counted.Groups["started"].Value, CultureInfo.InvariantCulture) - long.Parse(counted.Groups["done"].Value, CultureInfo.InvariantCulture),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            elapsed,
            cpu);
        CheckStatuses(url, run, (await counts.SettledAsync(SettleTimeout)).Since(before));
        return run;
    }

    /// <summary>
    /// Fails unless every call h2load saw answered ended OK on the server. A timed run closes its
    /// connections with calls still in flight; those alone may end otherwise, and only as a call
    /// whose client went away ends: CANCELLED from the service's handlers, or UNKNOWN from
    /// grpc-dotnet when the answer could no longer be written (its status for an exception outside
    /// the handlers). So: no other status, no more of those two than calls left unfinished, and at
    /// least as many calls ended OK as h2load saw answered.
    /// </summary>
    private static void CheckStatuses(string url, H2LoadRun run, CallTally server)
    {
        var abandoned = server.Failed.Where(f => f.Key is StatusCode.Cancelled or StatusCode.Unknown).Sum(f => f.Value);
        var failed = server.Failed.Values.Sum();
        if (failed > abandoned || abandoned > run.Unfinished || server.Calls - failed < run.Succeeded)
        {
            throw new CallsFailedException(server, string.Create(CultureInfo.InvariantCulture,
                $"{url}: h2load saw {run.Succeeded} calls answered and {run.Unfinished} unfinished; the server finished {server.Calls}, and these did not end OK: {server}"));
        }
    }

    /// <summary>
    /// Fails unless <paramref name="run"/>, a run of <paramref name="calls"/> calls the server refuses with
    /// <paramref name="status"/> (in HTTP 200s, as every gRPC error), fails the status check with just those:
    /// a check that cannot fail proves nothing.
    /// </summary>
    public static async Task ExpectRefusedAsync(Func<Task<H2LoadRun>> run, int calls, StatusCode status)
    {
        try
        {
            await run();
        }
        catch (CallsFailedException refusal) when (refusal.Server.Calls == calls && refusal.Server.Failed.Count == 1 && refusal.Server.Failed.GetValueOrDefault(status) == calls)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status check: {calls} calls refused {status} fail a run, as they must ({refusal.Server})"));
            return;
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{calls} calls the server refuses with {status} passed the status check: it would pass failing calls too"));
    }

    // Nearest rank, from the sorted microseconds.
    private static TimeSpan Percentile(long[] sorted, double quantile) =>
        TimeSpan.FromMicroseconds(sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static async Task<int> ExitCodeAsync(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // Not installed.
        }
    }

    [GeneratedRegex(@"(?<started>\d+) started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Counts();

    [GeneratedRegex(@"finished in [0-9.]+m?s, (?<rate>[0-9.]+) req/s")]
    private static partial Regex Rate();
}

/// <summary>An h2load run in which the server ended calls with a status other than OK (see <see cref="H2Load.RunAsync"/>); <see cref="Server"/> is what it counted.</summary>
internal sealed class CallsFailedException(CallTally server, string message) : Exception(message)
{
    public CallTally Server => server;
}
