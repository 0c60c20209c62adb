using Grpc.Core;
using Grpc.Health.V1;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class RestartTests
{
    private const string ServiceName = "trade.negotiation.v1.NegotiationService";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task Restart_NegotiationAndRequestId_SurviveTheRestart(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
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

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task HealthCheck_NegotiationService_IsServing(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);

        var response = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = ServiceName });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task HealthCheck_PostgreSqlServerStopped_IsNotServing()
    {
        await using var store = await TestStore.StartAsync(StoreProvider.PostgreSql, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var health = new Health.HealthClient(host.Channel);
        Task<HealthCheckResponse.Types.ServingStatus> StatusOnceItIsAsync(HealthCheckResponse.Types.ServingStatus expected) => Eventually.PollAsync(
            async () => (await health.CheckAsync(new HealthCheckRequest { Service = ServiceName })).Status,
            s => s == expected, TimeSpan.FromSeconds(10));

        await store.Server!.StopAsync();
        var stopped = await StatusOnceItIsAsync(HealthCheckResponse.Types.ServingStatus.NotServing);
        await store.Server.StartAgainAsync();
        var restarted = await StatusOnceItIsAsync(HealthCheckResponse.Types.ServingStatus.Serving);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, stopped);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, restarted);
    }

    [Fact]
    public async Task PostgreSqlServerStopped_ReadsAreUnavailableAndAnswerAgainWhenItReturns()
    {
        await using var store = await TestStore.StartAsync(StoreProvider.PostgreSql, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });

        await store.Server!.StopAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name }).ResponseAsync);
        await store.Server.StartAgainAsync();
        var read = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        Assert.Equal((StatusCode.Unavailable, "STORE_UNAVAILABLE"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(talks.Name, read.Name);
    }
}
