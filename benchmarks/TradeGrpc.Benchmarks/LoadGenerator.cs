using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace TradeGrpc.Benchmarks;

/// <summary>One RPC under load: for a caller on a channel, the function that makes one call.</summary>
internal sealed record RpcUnderLoad(string Name, Func<GrpcChannel, Func<CancellationToken, Task>> CallerOn);

/// <summary>
/// A fixed number of callers, spread over the channels, each making one call after another until
/// the time is up. Counts OK calls only; calls/s is OK calls over the time until the last caller's
/// last call returned.
/// </summary>
internal sealed class LoadGenerator(IReadOnlyList<GrpcChannel> channels, int callers)
{
    /// <summary>Channels of their own HTTP/2 connections (more if one fills its streams), so that callers spread over them.</summary>
    /// <summary>Channels to <paramref name="address"/>, each its own HTTP/2 connection; their calls carry <paramref name="token"/> when given.</summary>
    public static List<GrpcChannel> OpenChannels(Uri address, int count, string? token = null) =>
        [.. Enumerable.Range(0, count).Select(_ => Channel(address, token))];

    public static GrpcChannel Channel(Uri address, string? token) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        DisposeHttpClient = true,
        Credentials = token is null
            ? null
            : ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
        // Loopback only: the token never leaves the machine.
        UnsafeUseInsecureChannelCallCredentials = token is not null,
    });

    public async Task<LoadResult> RunAsync(RpcUnderLoad rpc, TimeSpan duration)
    {
        var calls = Enumerable.Range(0, callers).Select(i => rpc.CallerOn(channels[i % channels.Count])).ToList();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var collectionsBefore = GC.CollectionCount(0);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(calls.Select(call => CallerAsync(call, clock, duration)));
        clock.Stop();

        var latency = new LatencyHistogram();
        foreach (var tally in tallies)
        {
            latency.Add(tally.Latency);
        }

        return new LoadResult(
            rpc.Name,
            tallies.Sum(t => t.Ok),
            tallies.Sum(t => t.Failed),
            clock.Elapsed,
            Environment.CpuUsage.TotalTime - cpuBefore,
            GC.GetTotalAllocatedBytes() - allocatedBefore,
            GC.CollectionCount(0) - collectionsBefore,
            latency,
            tallies.Select(t => t.FirstError).FirstOrDefault(e => e is not null));
    }

    private static async Task<CallerTally> CallerAsync(Func<CancellationToken, Task> call, Stopwatch clock, TimeSpan duration)
    {
        var tally = new CallerTally();
        // A call that hangs fails the run instead of holding it up for ever.
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(hardStop.Token);
                tally.Latency.Record(Stopwatch.GetElapsedTime(started));
                tally.Ok++;
            }
            catch (RpcException ex)
            {
                tally.Failed++;
                tally.FirstError ??= $"{ex.StatusCode}: {ex.Status.Detail}";
            }
        }

        return tally;
    }

    private sealed class CallerTally
    {
        public long Ok { get; set; }

        public long Failed { get; set; }

        public string? FirstError { get; set; }

        public LatencyHistogram Latency { get; } = new();
    }
}
