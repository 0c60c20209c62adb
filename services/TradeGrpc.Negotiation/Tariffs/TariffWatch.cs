using System.Diagnostics;
using Grpc.Core;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>
/// Follows the tariff service's changes to measures (WatchMeasureChanges), so that a deal's impact
/// priced on a basket is reused only until a measure changes. While no watch is in place (the
/// tariff service away, the stream cut) <see cref="Seen"/> is null and nothing priced is reused;
/// a new watch counts as a change, since any change may have been missed meanwhile.
/// </summary>
public sealed partial class TariffWatch(MeasureService.MeasureServiceClient measures, ILogger<TariffWatch> logger) : BackgroundService, ITariffChanges
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    // A watch that lasted this long and then ended was not refused: it ran its course.
    private static readonly TimeSpan FullCourse = TimeSpan.FromMinutes(1);

    // Twice the changes seen, plus one while watching: one word, so a reader never pairs a count with the wrong state.
    // Only the watch loop writes it.
    private long state;

    public long? Seen => Volatile.Read(ref state) is var s && (s & 1) == 1 ? s >> 1 : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var failed = await WatchOnceAsync(() =>
            {
                if (lost)
                {
                    LogFollowing(logger);
                }

                (retry, lost) = (FirstRetry, false);
            }, stoppingToken);
            Write(Volatile.Read(ref state) & ~1L);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (failed is not { } status)
            {
                // It ran its course: watch again at once.
                continue;
            }

            if (!lost)
            {
                // Once an outage: the watch is tried again until the tariff service is back.
                LogLost(logger, status.StatusCode, status.Detail);
                lost = true;
            }

            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
        }
    }

    /// <summary>
    /// One watch, from its start to its end: null when it ran its course (the tariff service ended
    /// it after a good while, at its longest stream) or the service is stopping, else the status
    /// that ended it. <paramref name="following"/> runs once the watch is in place.
    /// </summary>
    private async Task<Status?> WatchOnceAsync(Action following, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // No deadline: the watch lasts until the tariff service ends it (its longest stream) or goes away.
            using var call = measures.WatchMeasureChanges(new WatchMeasureChangesRequest(), deadline: DateTime.MaxValue, cancellationToken: stoppingToken);
            // The tariff service sends headers once the watch is in place: no change after them is
            // missed. A call it refused at once also has headers, with its status: that is no watch.
            await call.ResponseHeadersAsync;
            if (!Ended(call))
            {
                Write(((Volatile.Read(ref state) >> 1) + 1) << 1 | 1);
                following();
            }

            await foreach (var _ in call.ResponseStream.ReadAllAsync(stoppingToken))
            {
                Write(Volatile.Read(ref state) + 2);
            }

            return RanItsCourse(started) ? null : call.GetStatus();
        }
        catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The tariff service ends every stream at its longest (Limits:MaxStreamDuration) with DEADLINE_EXCEEDED.
            return ex.StatusCode == StatusCode.DeadlineExceeded && RanItsCourse(started) ? null : ex.Status;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever else ends a watch ends that watch, not the service: it is tried again.
            return new Status(StatusCode.Unknown, ex.Message);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static bool RanItsCourse(long started) => Stopwatch.GetElapsedTime(started) >= FullCourse;

    private static bool Ended(AsyncServerStreamingCall<MeasureEvent> call)
    {
        try
        {
            call.GetStatus();
            return true;
        }
        catch (InvalidOperationException)
        {
            // Still running: GetStatus answers only for a call that has ended.
            return false;
        }
    }

    private void Write(long value) => Volatile.Write(ref state, value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the tariff service's measure changes again; deal impacts are reused again")]
    private static partial void LogFollowing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not following the tariff service's measure changes ({Code}: {Detail}); deal impacts are priced afresh until it is back")]
    private static partial void LogLost(ILogger logger, StatusCode code, string detail);
}
