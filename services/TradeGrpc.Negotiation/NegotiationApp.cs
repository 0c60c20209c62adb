using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Grpc;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.ServiceDefaults;
using TradeGrpc.ServiceDefaults.Storage;

namespace TradeGrpc.Negotiation;

/// <summary>Builds the negotiation service host; Program runs it and tests host it in-process.</summary>
public static class NegotiationApp
{
    public const string ErrorDomain = "negotiation.tradegrpc.dev";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ErrorDomain, NegotiationService.Descriptor.FullName);

        var dataDirectory = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Storage:DataDirectory"] ?? ".data");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SqliteDatabase(Path.Combine(dataDirectory, "negotiation.db")));
        services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<INegotiationStore, SqliteNegotiationStore>();
        services.AddSingleton<Negotiations>();
        services.AddHostedService<StoreMigrator>();

        var app = builder.Build();
        app.MapGrpcService<NegotiationGrpcService>();
        app.MapDefaultEndpoints();
        return app;
    }
}
