using TradeGrpc.Commands;
using TradeGrpc.Dashboard;
using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Tariff.Import;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff;

/// <summary>Builds the tariff service host; Program runs it and tests host it in-process.</summary>
public static class TariffApp
{
    public const string ErrorDomain = "tariff.tradegrpc.dev";

    public static WebApplication Build(string[] args) => Build(args, CallerChecks.Enforced);

    /// <param name="args">Settings, as the command line gives them.</param>
    /// <param name="checks">Whether callers are checked: <see cref="CallerChecks.Off"/> only for a benchmark's baseline.</param>
    /// <param name="configureServices">What a test adds to the host's services last (an exporter of the host's telemetry).</param>
    public static WebApplication Build(string[] args, CallerChecks checks, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ErrorDomain, TariffAccess.Table(), checks);
        builder.AddReplicaMessaging("tariff", StoreSecrets.Shared("replica-messages"));
        builder.AddDatabase("tariff", "Tariff");

        var services = builder.Services;
        services.AddSingleton<IRequestFieldMap, RequestFields>();
        services.AddDashboard(DashboardHost.Tariff);
        services.AddOptions<TariffDataOptions>().BindConfiguration(TariffDataOptions.Section)
            .Validate(o => Directory.Exists(o.Directory), "TariffData:Directory must name a folder of the bundled data.")
            .ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0, "Import:MaxUploadBytes must be more than zero.")
            .Validate(o => o.MaxFileBytes > 0, "Import:MaxFileBytes must be more than zero.")
            .ValidateOnStart();
        services.AddSingleton<BundledData>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IBookStore, BookStore>();
        services.AddSingleton<IExportControlStore, ExportControlStore>();
        services.AddSingleton<CommandPipeline>();
        Sender.AddHandlers(services, typeof(BookCommands).Assembly);
        services.AddSingleton<BookCommands>();
        services.AddSingleton<MeasureChanges>();
        services.AddSingleton<ExportControlCommands>();
        services.AddSingleton<BookNews>();
        services.AddSingleton<TariffBook>();
        services.AddSingleton<DutyCalculator>();
        services.AddSingleton<TariffMetrics>();
        services.AddSingleton<Broadcaster<MeasureChange>>();
        services.AddSingleton<ReplicaChanges>();
        // In this order: the store is ready before the book is built, and the book before replicas are heard.
        services.AddHostedService<FirstStart>();
        services.AddHostedService<TariffBookLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaChanges>());
        services.AddSingleton<CatchUpInterceptor>();
        // Made once, as the hosting defaults make theirs.
        services.AddSingleton<TariffGrpcService>();
        services.AddSingleton<MeasureGrpcService>();
        services.AddSingleton<ExportControlGrpcService>();
        services.AddGrpc()
            .AddServiceOptions<TariffGrpcService>(options => options.Interceptors.Add<CatchUpInterceptor>())
            .AddServiceOptions<MeasureGrpcService>(options => options.Interceptors.Add<CatchUpInterceptor>())
            .AddServiceOptions<ExportControlGrpcService>(options => options.Interceptors.Add<CatchUpInterceptor>());
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapGrpcService<TariffGrpcService>();
        app.MapGrpcService<MeasureGrpcService>();
        app.MapGrpcService<ExportControlGrpcService>();
        app.MapDefaultEndpoints();
        app.MapDashboard();
        return app;
    }
}
