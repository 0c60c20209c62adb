using TradeGrpc.Negotiation.Tests.Talks;

namespace TradeGrpc.Negotiation.Tests;

// The API and timeline tests, run on each store provider.

[Collection(SharedNegotiationHost.Name)]
public sealed class SqliteNegotiationApiTests(NegotiationHostFixture fixture) : NegotiationApiTests(fixture);

[Collection(SharedPostgresNegotiationHost.Name)]
public sealed class PostgresNegotiationApiTests(PostgresNegotiationHostFixture fixture) : NegotiationApiTests(fixture);

[Collection(SharedNegotiationHost.Name)]
public sealed class SqliteTimelineTests(NegotiationHostFixture fixture) : TimelineTests(fixture);

[Collection(SharedPostgresNegotiationHost.Name)]
public sealed class PostgresTimelineTests(PostgresNegotiationHostFixture fixture) : TimelineTests(fixture);

[Collection(SharedNegotiationHost.Name)]
public sealed class SqliteInputBoundsTests(NegotiationHostFixture fixture) : InputBoundsTests(fixture);

[Collection(SharedPostgresNegotiationHost.Name)]
public sealed class PostgresInputBoundsTests(PostgresNegotiationHostFixture fixture) : InputBoundsTests(fixture);

[Collection(SharedNegotiationHost.Name)]
public sealed class SqlitePurchaseProgressTests(NegotiationHostFixture fixture) : PurchaseProgressTests(fixture);

[Collection(SharedPostgresNegotiationHost.Name)]
public sealed class PostgresPurchaseProgressTests(PostgresNegotiationHostFixture fixture) : PurchaseProgressTests(fixture);
