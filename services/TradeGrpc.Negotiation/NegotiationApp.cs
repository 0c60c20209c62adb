using TradeGrpc.Caching;
using TradeGrpc.Client;
using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.Grpc;
using TradeGrpc.Negotiation.Import;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation;

/// <summary>Builds the negotiation service host; Program runs it and tests host it in-process.</summary>
public static class NegotiationApp
{
    public const string ErrorDomain = "negotiation.tradegrpc.dev";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ErrorDomain, NegotiationService.Descriptor.FullName);
        builder.AddReplicaMessaging("negotiation");
        builder.AddReadCache();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        if (builder.AddDatabase("negotiation", "Negotiation") == StoreProvider.Sqlite)
        {
            services.AddSingleton<INegotiationStore, SqliteNegotiationStore>();
        }
        else
        {
            services.AddSingleton<INegotiationStore, PostgresNegotiationStore>();
        }

        services.AddSingleton<IRequestLog>(sp => sp.GetRequiredService<INegotiationStore>());
        services.AddSingleton<CommandGate>();
        services.AddSingleton<Broadcaster<StoredEvent>>();
        services.AddSingleton<NegotiationDesk>();
        services.AddHostedService<ReplicaEvents>();
        services.AddHostedService<StoreMigrator>();
        services.AddSingleton<TalksScript>();
        services.AddHostedService<SampleLoader>();

        services.AddTariffClient(o =>
        {
            // Several tariff replicas (Tariff:Addresses:0, :1, ...) are balanced round robin.
            foreach (var replica in builder.Configuration.GetSection("Tariff:Addresses").Get<string[]>() ?? [])
            {
                o.Addresses.Add(new Uri(replica));
            }

            o.Address = o.Addresses.Count > 0 ? null : new Uri(builder.Configuration["Tariff:Address"] ?? "http://127.0.0.1:5101");
            o.DefaultDeadline = builder.Configuration.GetValue("Tariff:DefaultDeadline", TimeSpan.FromSeconds(10));
        });
        services.AddSingleton<TariffGateway>();
        services.AddSingleton<DealImpactCalculator>();
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<ConcessionRelay>();

        var app = builder.Build();
        app.MapGrpcService<NegotiationGrpcService>();
        app.MapDefaultEndpoints();
        return app;
    }
}
