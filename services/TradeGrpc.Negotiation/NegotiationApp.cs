using TradeGrpc.Caching;
using TradeGrpc.Client;
using TradeGrpc.Commands;
using TradeGrpc.Dashboard;
using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Grpc;
using TradeGrpc.Negotiation.Import;
using TradeGrpc.Negotiation.Replicas;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation;

/// <summary>Builds the negotiation service host; Program runs it and tests host it in-process.</summary>
public static class NegotiationApp
{
    public const string ErrorDomain = "negotiation.tradegrpc.dev";

    public static WebApplication Build(string[] args) => Build(args, _ => { });

    /// <param name="args">Settings, as the command line gives them.</param>
    /// <param name="configureServices">What a test adds to the host's services last (an exporter of the host's telemetry).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection> configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ErrorDomain, NegotiationAccess.Table());
        builder.AddReplicaMessaging("negotiation", StoreSecrets.Shared("replica-messages"));
        builder.AddReadCache();
        builder.AddDatabase("negotiation", "Negotiation");

        var services = builder.Services;
        services.AddSingleton<IRequestFieldMap, RequestFields>();
        services.AddDashboard(DashboardHost.Negotiation);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITalksStore, TalksStore>();
        services.AddSingleton<CommandPipeline>();
        Sender.AddHandlers(services, typeof(TalksCommands).Assembly);
        services.AddSingleton<TalksCommands>();
        services.AddSingleton<RoundMoves>();
        services.AddSingleton<CommitmentChanges>();
        services.AddSingleton<TalksNews>();
        services.AddSingleton<NegotiationMetrics>();
        // Made once, as the hosting defaults make theirs.
        services.AddSingleton<NegotiationGrpcService>();
        services.AddSingleton<TimelineWatch>();
        services.AddSingleton<Broadcaster<StoredEvent>>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(_ => PhaseOneAnnex.Load());
        services.AddHostedService<ReplicaEvents>();
        services.AddSingleton<TalksScript>();
        services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.Section)
            .Validate(o => o.Path is not { } path || File.Exists(path), "Sample:File must name a file of sample talks, or be empty.")
            .ValidateOnStart();
        services.AddHostedService<SampleLoader>();

        services.AddOptions<TariffOptions>().BindConfiguration(TariffOptions.Section)
            .Validate(o => o.DefaultDeadline > TimeSpan.Zero && o.DefaultDeadline <= TimeSpan.FromMinutes(10), "Tariff:DefaultDeadline must be more than zero and at most 10 minutes.")
            .Validate(o => o.ClientCertificate is null || (File.Exists(o.ClientCertificate) && o.ClientKey is { } key && File.Exists(key)),
                "Tariff:ClientCertificate and Tariff:ClientKey must name the PEM files of this service's certificate and its key.")
            .Validate(o => o.CaFile is null || File.Exists(o.CaFile), "Tariff:CaFile must name a PEM file of a certificate authority.")
            .ValidateOnStart();
        // The service logs what its calls to the tariff service come to (a relay's retries, the watch lost once
        // an outage); the client's own line for every failed attempt, stack trace included, would bury them.
        builder.Logging.AddFilter("Grpc.Net.Client", LogLevel.Warning);
        services.AddTariffClients((builder.Configuration.GetSection(TariffOptions.Section).Get<TariffOptions>() ?? new TariffOptions()).Configure)
            .WithCallContextPropagation();
        services.AddSingleton<ITariffService, TariffGateway>();
        services.AddSingleton<TariffWatch>();
        services.AddSingleton<ITariffChanges>(sp => sp.GetRequiredService<TariffWatch>());
        services.AddHostedService(sp => sp.GetRequiredService<TariffWatch>());
        services.AddOptions<DealImpactOptions>().BindConfiguration(DealImpactOptions.Section)
            .Validate(o => o.ReuseFor >= TimeSpan.Zero && o.ReuseFor <= TimeSpan.FromHours(1), "DealImpact:ReuseFor must be from zero to an hour.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromHours(1), "Outbox:PollInterval must be more than zero and at most an hour.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.FirstRetryDelay <= TimeSpan.FromMinutes(1), "Outbox:FirstRetryDelay must be more than zero and at most a minute.")
            .ValidateOnStart();
        services.AddHostedService<ConcessionRelay>();
        configureServices(services);

        var app = builder.Build();
        app.MapGrpcService<NegotiationGrpcService>();
        app.MapDefaultEndpoints();
        app.MapDashboard();
        return app;
    }
}
