using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>The tariff service's own metrics, and which of ASP.NET Core's it exports.</summary>
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

    [Fact]
    public async Task LookupRates_MetricsExported_RequestDurationWithoutPerRequestDetail()
    {
        var exported = new List<Metric>();
        await using var host = await ServiceHost.StartAsync(args => TariffApp.Build(args, CallerChecks.Enforced,
            services => services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported))));

        await new TariffService.TariffServiceClient(host.Channel).LookupRatesAsync(new LookupRatesRequest
        {
            HtsCode = "9403.60.80",
            OriginCountry = "CN",
            ImportingCountry = "US",
            EntryDate = Day(2019, 7, 1),
        });
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());

        var names = exported.Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("http.server.active_requests", names);
        Assert.Contains("kestrel.active_connections", names);
        Assert.DoesNotContain("kestrel.queued_requests", names);
        Assert.DoesNotContain("aspnetcore.routing.match_attempts", names);
        Assert.DoesNotContain(names, name => name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal));
    }
}
