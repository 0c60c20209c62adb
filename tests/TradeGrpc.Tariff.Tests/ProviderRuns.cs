namespace TradeGrpc.Tariff.Tests;

// The quote and export control API tests, run on each store provider.

[Collection(SharedTariffHost.Name)]
public sealed class SqliteQuoteDutyApiTests(TariffHostFixture fixture) : QuoteDutyApiTests(fixture);

[Collection(SharedPostgresTariffHost.Name)]
public sealed class PostgresQuoteDutyApiTests(PostgresTariffHostFixture fixture) : QuoteDutyApiTests(fixture);

[Collection(SharedTariffHost.Name)]
public sealed class SqliteExportControlApiTests(TariffHostFixture fixture) : ExportControlApiTests(fixture);

[Collection(SharedPostgresTariffHost.Name)]
public sealed class PostgresExportControlApiTests(PostgresTariffHostFixture fixture) : ExportControlApiTests(fixture);

[Collection(SharedTariffHost.Name)]
public sealed class SqliteInputBoundsTests(TariffHostFixture fixture) : InputBoundsTests(fixture);

[Collection(SharedPostgresTariffHost.Name)]
public sealed class PostgresInputBoundsTests(PostgresTariffHostFixture fixture) : InputBoundsTests(fixture);

[Collection(SharedTariffHost.Name)]
public sealed class SqliteAllowanceApiTests(TariffHostFixture fixture) : AllowanceApiTests(fixture);

[Collection(SharedPostgresTariffHost.Name)]
public sealed class PostgresAllowanceApiTests(PostgresTariffHostFixture fixture) : AllowanceApiTests(fixture);
