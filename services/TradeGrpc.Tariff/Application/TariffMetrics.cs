using System.Diagnostics.Metrics;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Application;

/// <summary>
/// What the tariff service does, counted (meter <c>TradeGrpc.Tariff</c>): quotes priced, by kind
/// (<c>duty</c> for QuoteDuty, <c>scenario</c> for each scenario of QuoteScenarios, the standing one
/// included), and the <c>WatchMeasureChanges</c> streams connected to this replica.
/// </summary>
public sealed class TariffMetrics
{
    public const string MeterName = "TradeGrpc.Tariff";

    private static readonly KeyValuePair<string, object?> Duty = new("kind", "duty");
    private static readonly KeyValuePair<string, object?> Scenario = new("kind", "scenario");

    private readonly Counter<long> quotesPriced;

    public TariffMetrics(IMeterFactory meters, Broadcaster<MeasureChange> measureChanges)
    {
        var meter = meters.Create(MeterName);
        quotesPriced = meter.CreateCounter<long>("tradegrpc.quotes.priced", description: "Entries priced: one per QuoteDuty, one per scenario of QuoteScenarios");
        meter.CreateObservableUpDownCounter("tradegrpc.watchers.connected", () => measureChanges.SubscriberCount,
            description: "WatchMeasureChanges streams open on this replica");
    }

    public void DutyQuoted() => quotesPriced.Add(1, Duty);

    public void ScenariosQuoted(int scenarios) => quotesPriced.Add(scenarios, Scenario);
}
