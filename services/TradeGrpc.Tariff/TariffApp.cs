using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Tariff.Import;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff;

/// <summary>Builds the tariff service host; Program runs it and tests host it in-process.</summary>
public static class TariffApp
{
    public const string ErrorDomain = "tariff.tradegrpc.dev";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ErrorDomain, TariffService.Descriptor.FullName);
        builder.AddReplicaMessaging("tariff");

        var bundled = builder.Configuration["TariffData:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "data");

        var services = builder.Services;
        // Storage:Provider Sqlite (default) or PostgreSql at ConnectionStrings:Tariff.
        if (builder.AddDatabase("tariff", "Tariff") == StoreProvider.Sqlite)
        {
            services.AddSingleton<ITariffStore, SqliteTariffStore>();
            services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
            services.AddSingleton<IExportControlStore, SqliteExportControlStore>();
        }
        else
        {
            services.AddSingleton<ITariffStore, PostgresTariffStore>();
            services.AddSingleton<IDocumentStore, PostgresDocumentStore>();
            services.AddSingleton<IExportControlStore, PostgresExportControlStore>();
        }

        services.AddSingleton(new BundledData(bundled));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRequestLog>(sp => sp.GetRequiredService<IDocumentStore>());
        services.AddSingleton<CommandGate>();
        services.AddSingleton<TariffBook>();
        services.AddSingleton<TariffLines>();
        services.AddSingleton<ScheduleImporter>();
        services.AddSingleton<DutyCalculator>();
        services.AddSingleton<Broadcaster<MeasureChange>>();
        services.AddSingleton<MeasureDesk>();
        services.AddSingleton<ExclusionDesk>();
        services.AddSingleton<ReplicaChanges>();
        services.AddHostedService<TariffBookLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaChanges>());
        services.AddSingleton<CatchUpInterceptor>();
        services.AddGrpc().AddServiceOptions<TariffGrpcService>(options => options.Interceptors.Add<CatchUpInterceptor>());
        services.AddSingleton<ExportLicensing>();
        services.AddHostedService<EntityListLoader>();

        var app = builder.Build();
        app.MapGrpcService<TariffGrpcService>();
        app.MapDefaultEndpoints();
        return app;
    }
}
