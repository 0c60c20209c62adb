using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>One negotiation service on an empty store, shared by the API tests.</summary>
public sealed class NegotiationHostFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public NegotiationService.NegotiationServiceClient Client => new(Host.Channel);

    public async Task InitializeAsync() => Host = await ServiceHost.StartAsync(NegotiationApp.Build);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedNegotiationHost : ICollectionFixture<NegotiationHostFixture>
{
    public const string Name = "negotiation host";
}
