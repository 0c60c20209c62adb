using Grpc.Core;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>
/// Delivers the outbox: each official concession that ImplementConcession recorded is carried
/// out on the tariff service with its stable request_id (so the tariff service applies it once
/// however often it is sent), retried with backoff while the tariff service is down, and its
/// result recorded on the commitment. Items survive a restart in the store.
/// </summary>
public sealed partial class ConcessionRelay(
    INegotiationStore store, NegotiationDesk desk, TariffGateway tariff, OutboxSignal signal, TimeProvider clock,
    IConfiguration configuration, ILogger<ConcessionRelay> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    // Longer than one attempt (10 s): a replica that dies mid-delivery leaves the item to another after this.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly TimeSpan pollInterval = configuration.GetValue("Outbox:PollInterval", TimeSpan.FromSeconds(1));
    private readonly TimeSpan firstBackoff = configuration.GetValue("Outbox:FirstRetryDelay", TimeSpan.FromSeconds(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                foreach (var item in await store.ClaimDueOutboxAsync(now, now + Lease, 20, stoppingToken))
                {
                    await DeliverAsync(item, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(logger, ex);
            }

            await signal.WaitAsync(pollInterval, stoppingToken);
        }
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        var commitment = await desk.GetCommitmentAsync(item.Commitment, stoppingToken);
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(10));
            await tariff.CarryOutAsync(commitment.Concession!, item.RequestId, attempt.Token);
            await desk.RecordDeliveryAsync(item.Commitment, DeliveryOutcome.Delivered, "", default, stoppingToken);
            LogDelivered(logger, item.Commitment);
        }
        catch (RpcException ex) when (!TariffGateway.IsTransient(ex))
        {
            await desk.RecordDeliveryAsync(item.Commitment, DeliveryOutcome.Rejected, $"{ex.StatusCode}: {ex.Status.Detail}", default, stoppingToken);
            LogRejected(logger, item.Commitment, ex.StatusCode);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            var attempts = (commitment.Delivery?.Attempts ?? 0) + 1;
            var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, firstBackoff.Ticks * (1L << Math.Min(attempts - 1, 16))));
            var error = ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : "the attempt timed out";
            await desk.RecordDeliveryAsync(item.Commitment, DeliveryOutcome.Failed, error, clock.GetUtcNow() + delay, stoppingToken);
            LogRetry(logger, item.Commitment, attempts, delay, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Concession {Commitment} delivered to the tariff service")]
    private static partial void LogDelivered(ILogger logger, string commitment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concession {Commitment} refused by the tariff service: {Code}")]
    private static partial void LogRejected(ILogger logger, string commitment, StatusCode code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concession {Commitment} not delivered (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, string commitment, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The concession relay failed a pass; it tries again")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
