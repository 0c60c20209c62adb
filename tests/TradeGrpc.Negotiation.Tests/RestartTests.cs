using Grpc.Health.V1;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_NegotiationAndRequestId_SurviveTheRestart()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build);
        var requestId = Guid.NewGuid().ToString();
        var request = new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "Phase One", Parties = { "US", "CN" } },
            RequestId = requestId,
        };
        var created = await new NegotiationService.NegotiationServiceClient(host.Channel).CreateNegotiationAsync(request);

        await host.RestartAsync();
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var fetched = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = created.Name });
        var replayed = await client.CreateNegotiationAsync(request);

        Assert.Equal(created, fetched);
        Assert.Equal(created.Name, replayed.Name);
    }

    [Fact]
    public async Task HealthCheck_NegotiationService_IsServing()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build);

        var response = await new Health.HealthClient(host.Channel)
            .CheckAsync(new HealthCheckRequest { Service = "trade.negotiation.v1.NegotiationService" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
