using OpenTelemetry.Metrics;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>The tariff service's metrics, exported to memory by its host.</summary>
public sealed class TelemetryTests
{
    private static bool IsDuty(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == "kind" && Equals(tag.Value, "duty"))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task QuoteDuty_OneQuote_CountsAQuotePriced()
    {
        var telemetry = new TelemetryCapture();
        await using var host = await ServiceHost.StartAsync(args => TariffApp.Build(args, CallerChecks.Enforced, telemetry.Register));
        telemetry.Attach(host);
        var before = telemetry.Sum("tradegrpc.quotes.priced", IsDuty);

        await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("NO", 100))));

        // Hosts in this process share the meter's name, so others may add to it as well: at least this one quote.
        Assert.True(telemetry.Sum("tradegrpc.quotes.priced", IsDuty) >= before + 1);
    }
}
