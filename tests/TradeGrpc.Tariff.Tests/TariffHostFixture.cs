using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>One tariff service with the bundled data loaded, shared by the API tests.</summary>
public class TariffHostFixture() : StoreHostFixture(TariffApp.Build, "Tariff"), IAsyncLifetime
{
    public TariffService.TariffServiceClient Client => new(Host.Channel);

    public MeasureService.MeasureServiceClient Measures => new(Host.Channel);

    public ExportControlService.ExportControlServiceClient ExportControls => new(Host.Channel);
}

/// <summary>The same, on PostgreSQL.</summary>
public sealed class PostgresTariffHostFixture : TariffHostFixture
{
    protected override StoreProvider Provider => StoreProvider.PostgreSql;
}

[CollectionDefinition(Name)]
public sealed class SharedTariffHost : ICollectionFixture<TariffHostFixture>
{
    public const string Name = "tariff host";
}

[CollectionDefinition(Name)]
public sealed class SharedPostgresTariffHost : ICollectionFixture<PostgresTariffHostFixture>
{
    public const string Name = "tariff host on PostgreSQL";
}
