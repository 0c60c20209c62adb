using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Client.Tests;

public sealed class CallContextPropagationTests
{
    /// <summary>A negotiation service that, on GetNegotiation, calls the tariff service through the registered client.</summary>
    private sealed class RelayingNegotiationService(TariffService.TariffServiceClient tariff) : NegotiationService.NegotiationServiceBase
    {
        public override async Task<TradeGrpc.Negotiation.V1.Negotiation> GetNegotiation(GetNegotiationRequest request, ServerCallContext context)
        {
            await tariff.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
            return new TradeGrpc.Negotiation.V1.Negotiation { Name = request.Name };
        }
    }

    private static Task<ServiceHost> RelayAsync(ServiceHost tariffHost, TimeSpan defaultDeadline) =>
        ServiceHost.StartAsync(args =>
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddGrpc();
            builder.Services.AddTariffClients(o =>
            {
                o.Address = tariffHost.Address;
                o.DefaultDeadline = defaultDeadline;
            }).WithCallContextPropagation();
            var app = builder.Build();
            app.MapGrpcService<RelayingNegotiationService>();
            return app;
        });

    [Theory]
    [InlineData(30)]
    // An incoming deadline later than the client's default still passes on: the default is for calls that have none.
    [InlineData(5)]
    public async Task CallInsideAGrpcCall_InheritsTheIncomingDeadline(int defaultDeadlineSeconds)
    {
        var tariff = new ScriptedTariffService();
        await using var tariffHost = await ServiceHost.StartAsync(tariff.Build);
        await using var relayHost = await RelayAsync(tariffHost, TimeSpan.FromSeconds(defaultDeadlineSeconds));
        // Far from either default. Each hop turns the timeout it is sent back into a deadline on arrival, so a busy
        // machine moves it later: allow 10 s, still short of what a default would give (5 s or 30 s after the call, not 15).
        var deadline = DateTime.UtcNow.AddSeconds(15);

        await new NegotiationService.NegotiationServiceClient(relayHost.Channel)
            .GetNegotiationAsync(new GetNegotiationRequest { Name = "negotiations/x" }, deadline: deadline);

        Assert.InRange(Assert.Single(tariff.DeadlinesSeen), deadline.AddSeconds(-3), deadline.AddSeconds(10));
    }
}
