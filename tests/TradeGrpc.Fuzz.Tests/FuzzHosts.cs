using TradeGrpc.Negotiation;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>One tariff and one negotiation service, each on its own SQLite store, shared by the fuzz tests.</summary>
public sealed class FuzzHosts : IAsyncLifetime
{
    public ServiceHost Tariff { get; private set; } = null!;

    public ServiceHost Negotiation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tariff = await ServiceHost.StartAsync(TariffApp.Build);
        Negotiation = await ServiceHost.StartAsync(NegotiationApp.Build);
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
