using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>How the relay goes through the outbox (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the relay looks at the outbox when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the first retry of a failed delivery; it doubles with each failure, up to a minute.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Delivers the outbox: each official concession that ImplementConcession recorded is carried
/// out on the tariff service with its item's request_id (so the tariff service applies it once
/// however often it is sent), retried with backoff while the tariff service is down, and its
/// result recorded on the commitment through the same command pipeline as every change. Before
/// each attempt the commitment is read again: one that is no longer official has its delivery
/// cancelled instead of sent. Items survive a restart in the store. Each attempt is a span of its
/// own trace (source <c>TradeGrpc.Negotiation.Outbox</c>), linked to the trace of the call that
/// put the item in the outbox, and counted by outcome in <see cref="NegotiationMetrics"/>.
/// </summary>
public sealed partial class ConcessionRelay(
    ITalksStore store, Sender sender, ITariffService tariff, OutboxSignal signal, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<ConcessionRelay> logger, NegotiationMetrics metrics) : BackgroundService
{
    public const string ActivitySourceName = "TradeGrpc.Negotiation.Outbox";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    // Longer than one attempt (10 s): a replica that dies mid-delivery leaves the item to another after this.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A store that is down fails every pass until it is back: that is one outage, logged once
        // when it starts and once when it ends, not a stack trace per pass.
        var failing = false;
        // An attempt belongs to no call in flight here: its span starts a trace of its own and links to the caller's.
        Activity.Current = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                foreach (var claimed in await store.ClaimDueOutboxAsync(now, now + Lease, 20, stoppingToken))
                {
                    using var attempt = StartAttempt(claimed);
                    var outcome = await DeliverAsync(claimed.Item, stoppingToken);
                    attempt?.SetTag("tradegrpc.delivery.outcome", outcome);
                    if (outcome is Rejected or Failed)
                    {
                        attempt?.SetStatus(ActivityStatusCode.Error);
                    }
                }

                if (metrics.OutboxDepthObserved)
                {
                    metrics.OutboxDepth(await store.CountOutboxAsync(stoppingToken));
                }

                if (failing)
                {
                    failing = false;
                    LogRelayRecovered(logger);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!failing)
                {
                    failing = true;
                    LogRelayFailed(logger, ex);
                }
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    // What an attempt came to: the outcome tag of its span and of the attempts counted.
    private const string Delivered = "delivered";
    private const string Rejected = "rejected";
    private const string Failed = "failed";
    private const string Cancelled = "cancelled";
    private const string Ended = "ended";

    private static Activity? StartAttempt(ClaimedOutboxItem claimed)
    {
        ActivityLink[] cause = ActivityContext.TryParse(claimed.TraceParent, null, isRemote: true, out var context) ? [new ActivityLink(context)] : [];
        return Source.StartActivity(ActivityKind.Consumer, parentContext: default, links: cause, name: "deliver concession")
            ?.SetTag("tradegrpc.commitment", claimed.Item.Commitment);
    }

    /// <summary>Sends one item once, records what came of it, and says what that was.</summary>
    private async Task<string> DeliverAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        var outcome = await AttemptAsync(item, stoppingToken);
        if (outcome != Ended)
        {
            metrics.DeliveryAttempted(outcome);
        }

        return outcome;
    }

    private async Task<string> AttemptAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        var commitment = await sender.SendAsync(new GetCommitment(item.Commitment), stoppingToken);
        if (commitment.Delivery?.Status != DeliveryStatus.Pending)
        {
            // Ended since the claim (withdrawing the commitment cancelled it, say), and its item with it.
            return Ended;
        }

        if (!commitment.MayBeImplemented)
        {
            await sender.SendAsync(new CancelDelivery(item.Commitment), stoppingToken);
            LogCancelled(logger, item.Commitment, commitment.Status);
            return Cancelled;
        }

        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(10));
            await tariff.CarryOutAsync(commitment.Terms.Concession!, item.RequestId, attempt.Token);
            await sender.SendAsync(new RecordDelivery(item.Commitment, DeliveryOutcome.Delivered, "", default), stoppingToken);
            LogDelivered(logger, item.Commitment);
            return Delivered;
        }
        catch (RpcException ex) when (!TariffGateway.IsTransient(ex))
        {
            await sender.SendAsync(new RecordDelivery(item.Commitment, DeliveryOutcome.Rejected, $"{ex.StatusCode}: {ex.Status.Detail}", default), stoppingToken);
            LogRejected(logger, item.Commitment, ex.StatusCode);
            return Rejected;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            var attempts = commitment.Delivery.Attempts + 1;
            var firstBackoff = options.Value.FirstRetryDelay;
            var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, firstBackoff.Ticks * (1L << Math.Min(attempts - 1, 16))));
            var error = ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : "the attempt timed out";
            await sender.SendAsync(new RecordDelivery(item.Commitment, DeliveryOutcome.Failed, error, clock.GetUtcNow() + delay), stoppingToken);
            LogRetry(logger, item.Commitment, attempts, delay, error);
            return Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Concession {Commitment} delivered to the tariff service")]
    private static partial void LogDelivered(ILogger logger, string commitment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concession {Commitment} refused by the tariff service: {Code}")]
    private static partial void LogRejected(ILogger logger, string commitment, StatusCode code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concession {Commitment} cancelled, not sent: its commitment is {Status}")]
    private static partial void LogCancelled(ILogger logger, string commitment, CommitmentStatusKind status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concession {Commitment} not delivered (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, string commitment, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The concession relay cannot work its outbox; it keeps trying, and says so here once it can")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The concession relay works its outbox again")]
    private static partial void LogRelayRecovered(ILogger logger);
}
