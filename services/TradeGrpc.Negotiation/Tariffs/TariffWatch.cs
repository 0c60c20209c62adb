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
            try
            {
                // No deadline: the watch lasts until the tariff service ends it (its longest stream) or goes away.
                using var call = measures.WatchMeasureChanges(new WatchMeasureChangesRequest(), deadline: DateTime.MaxValue, cancellationToken: stoppingToken);
                // The tariff service sends headers once the watch is in place: no change after them is missed.
                await call.ResponseHeadersAsync;
                Write(((Volatile.Read(ref state) >> 1) + 1) << 1 | 1);
                if (lost)
                {
                    LogFollowing(logger);
                }

                (retry, lost) = (FirstRetry, false);
                await foreach (var _ in call.ResponseStream.ReadAllAsync(stoppingToken))
                {
                    Write(Volatile.Read(ref state) + 2);
                }

                Write(Volatile.Read(ref state) & ~1L);
                continue;
            }
            catch (RpcException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                Write(Volatile.Read(ref state) & ~1L);
                if (!lost)
                {
                    // Once an outage: the watch is tried again until the tariff service is back.
                    LogLost(logger, ex.StatusCode, ex.Status.Detail);
                    lost = true;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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

    private void Write(long value) => Volatile.Write(ref state, value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the tariff service's measure changes again; deal impacts are reused again")]
    private static partial void LogFollowing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not following the tariff service's measure changes ({Code}: {Detail}); deal impacts are priced afresh until it is back")]
    private static partial void LogLost(ILogger logger, StatusCode code, string detail);
}
