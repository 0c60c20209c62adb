using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>One negotiation service on an empty store, shared by the API tests.</summary>
public class NegotiationHostFixture() : StoreHostFixture(NegotiationApp.Build, "Negotiation"), IAsyncLifetime
{
    public NegotiationService.NegotiationServiceClient Client => new(Host.Channel);
}

/// <summary>The same, on PostgreSQL.</summary>
public sealed class PostgresNegotiationHostFixture : NegotiationHostFixture
{
    protected override StoreProvider Provider => StoreProvider.PostgreSql;
}

[CollectionDefinition(Name)]
public sealed class SharedNegotiationHost : ICollectionFixture<NegotiationHostFixture>
{
    public const string Name = "negotiation host";
}

[CollectionDefinition(Name)]
public sealed class SharedPostgresNegotiationHost : ICollectionFixture<PostgresNegotiationHostFixture>
{
    public const string Name = "negotiation host on PostgreSQL";
}
