using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>The tariff service's own metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task QuoteDuty_OneQuote_CountsOneDutyQuotePriced()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        // The meters of this host only: hosts of other tests in this process have meters of the same name.
        using var priced = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), TariffMetrics.MeterName, "tradegrpc.quotes.priced");

        await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("NO", 100))));

        var measurement = Assert.Single(priced.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("duty", measurement.Tags["kind"]);
    }
}
