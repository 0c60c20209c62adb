using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>
/// The scaled-out topology on loopback: two tariff and two negotiation replicas, each service's
/// replicas on their own database of one PostgreSQL server, all on one Redis. The negotiation
/// replicas reach the tariff replicas round robin, over TLS with the negotiation service's
/// certificate. Tariff replicas take those calls on fixed ports so that one can be stopped and
/// started again where the negotiation replicas look for it.
/// </summary>
public sealed class ScaleOut : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public ServiceHost Tariff1 { get; private set; } = null!;

    public ServiceHost Tariff2 { get; private set; } = null!;

    public ServiceHost Negotiation1 { get; private set; } = null!;

    public ServiceHost Negotiation2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
        var tariffDatabase = await Postgres.CreateDatabaseAsync();
        var negotiationDatabase = await Postgres.CreateDatabaseAsync();
        var tariffPorts = new[] { FreePort.Next(), FreePort.Next() };

        Dictionary<string, string> TariffReplica(int port) => new(TestAuthority.SecureEndpoint(port))
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Tariff"] = tariffDatabase,
            ["ConnectionStrings:Redis"] = Redis.ConnectionString,
        };
        var negotiationReplica = new Dictionary<string, string>(TestAuthority.TariffClientSettings([.. tariffPorts.Select(p => new Uri($"https://127.0.0.1:{p}"))]))
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Negotiation"] = negotiationDatabase,
            ["ConnectionStrings:Redis"] = Redis.ConnectionString,
            ["Outbox:PollInterval"] = "00:00:00.050",
            // Every deal priced on the tariff service, so that its calls show how the replicas share them.
            ["DealImpact:ReuseFor"] = "00:00:00",
            // Tests call as fast as the replicas answer, from one caller.
            ["Limits:CallsPerSecondPerCaller"] = "1000000",
            ["Limits:CallBurstPerCaller"] = "1000000",
        };

        // The first replica of each service loads the store; the second finds it loaded.
        Tariff1 = await ServiceHost.StartAsync(Tariff.TariffApp.Build, TariffReplica(tariffPorts[0]));
        Tariff2 = await ServiceHost.StartAsync(Tariff.TariffApp.Build, TariffReplica(tariffPorts[1]));
        Negotiation1 = await ServiceHost.StartAsync(NegotiationApp.Build, negotiationReplica);
        Negotiation2 = await ServiceHost.StartAsync(NegotiationApp.Build, negotiationReplica);
    }

    public async Task DisposeAsync()
    {
        await Negotiation1.DisposeAsync();
        await Negotiation2.DisposeAsync();
        await Tariff1.DisposeAsync();
        await Tariff2.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
