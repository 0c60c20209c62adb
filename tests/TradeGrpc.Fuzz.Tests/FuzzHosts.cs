using TradeGrpc.Negotiation;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>
/// One tariff and one negotiation service, each on its own SQLite store, shared by the fuzz tests.
/// Every call comes from one caller: its rate limit is lifted so that requests reach the handlers
/// rather than end as RESOURCE_EXHAUSTED (the limit has tests of its own).
/// </summary>
public sealed class FuzzHosts : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["Limits:CallsPerSecondPerCaller"] = "100000000",
        ["Limits:CallBurstPerCaller"] = "100000000",
    };

    public ServiceHost Tariff { get; private set; } = null!;

    public ServiceHost Negotiation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tariff = await ServiceHost.StartAsync(TariffApp.Build, Unthrottled);
        Negotiation = await ServiceHost.StartAsync(NegotiationApp.Build, Unthrottled);
    }

    public async Task DisposeAsync()
    {
        await Tariff.DisposeAsync();
        await Negotiation.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedFuzzHosts : ICollectionFixture<FuzzHosts>
{
    public const string Name = "fuzz hosts";
}
