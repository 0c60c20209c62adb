using System.Diagnostics.Metrics;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>
/// What the negotiation service does, counted (meter <c>TradeGrpc.Negotiation</c>): events
/// recorded, concession deliveries attempted by outcome, the outbox's depth, and the watchers
/// of the timelines (<c>WatchNegotiation</c> streams) connected to this replica.
/// </summary>
public sealed class NegotiationMetrics
{
    public const string MeterName = "TradeGrpc.Negotiation";

    private readonly Counter<long> eventsRecorded;
    private readonly Counter<long> deliveryAttempts;
    private readonly ObservableGauge<long> outboxDepth;
    private long depth;

    public NegotiationMetrics(IMeterFactory meters, Broadcaster<StoredEvent> timeline)
    {
        var meter = meters.Create(MeterName);
        eventsRecorded = meter.CreateCounter<long>("tradegrpc.events.recorded", description: "Events recorded on the talks' timelines");
        deliveryAttempts = meter.CreateCounter<long>("tradegrpc.outbox.delivery_attempts",
            description: "Attempts to carry out a concession on the tariff service, by outcome (delivered, rejected, failed, cancelled)");
        outboxDepth = meter.CreateObservableGauge("tradegrpc.outbox.depth", () => Interlocked.Read(ref depth),
            description: "Concessions in the outbox not yet delivered, as the relay last counted them");
        meter.CreateObservableUpDownCounter("tradegrpc.watchers.connected", () => timeline.SubscriberCount,
            description: "WatchNegotiation streams open on this replica");
    }

    /// <summary>Whether anything collects the outbox's depth: counting it costs the relay a query of the store each pass.</summary>
    public bool OutboxDepthObserved => outboxDepth.Enabled;

    public void EventsRecorded(int count) => eventsRecorded.Add(count);

    public void DeliveryAttempted(string outcome) => deliveryAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void OutboxDepth(long items) => Interlocked.Exchange(ref depth, items);
}
