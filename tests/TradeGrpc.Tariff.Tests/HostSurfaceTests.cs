using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace TradeGrpc.Tariff.Tests;

[Collection(SharedTariffHost.Name)]
public sealed class HostSurfaceTests(TariffHostFixture fixture)
{
    [Fact]
    public async Task Reflection_ListsTariffServiceHealthAndReflection()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();

        Assert.Contains("trade.tariff.v1.TariffService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services);
    }

    [Fact]
    public async Task Reflection_DescribesTheServiceFromItsFileDescriptor()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "trade.tariff.v1.TariffService" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name)
            .ToArray();

        Assert.Contains("trade/tariff/v1/tariff_service.proto", files);
    }

    [Theory]
    [InlineData("")]
    [InlineData("trade.tariff.v1.TariffService")]
    [InlineData("liveness")]
    public async Task HealthCheck_WhileTheStoreAnswers_IsServing(string service)
    {
        var health = new Health.HealthClient(fixture.Host.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task HealthCheck_UnknownService_IsNotFound()
    {
        var health = new Health.HealthClient(fixture.Host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            health.CheckAsync(new HealthCheckRequest { Service = "trade.negotiation.v1.NegotiationService" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
