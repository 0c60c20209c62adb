using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace TradeGrpc.Tariff.Tests;

[Collection(SharedTariffHost.Name)]
public sealed class HostSurfaceTests(TariffHostFixture fixture)
{
    private async Task<ServerReflectionResponse> AskReflectionAsync(ServerReflectionRequest request)
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }

    private static string[] FileNames(ServerReflectionResponse response) =>
        [.. (response.FileDescriptorResponse?.FileDescriptorProto ?? []).Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name)];

    [Fact]
    public async Task Reflection_ListsTariffServiceHealthAndReflection()
    {
        var response = await AskReflectionAsync(new ServerReflectionRequest { ListServices = "" });

        var services = response.ListServicesResponse.Service.Select(s => s.Name).ToArray();

        Assert.Contains("trade.tariff.v1.TariffService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services);
        Assert.DoesNotContain("google.rpc.ErrorInfo", services);
    }

    [Fact]
    public async Task Reflection_DescribesTheServiceFromItsFileDescriptor()
    {
        var response = await AskReflectionAsync(new ServerReflectionRequest { FileContainingSymbol = "trade.tariff.v1.TariffService" });

        Assert.Contains("trade/tariff/v1/tariff_service.proto", FileNames(response));
    }

    // A status's details are google.protobuf.Any: grpcurl and buf curl resolve their type through reflection, or print base64.
    [Theory]
    [InlineData("google.rpc.ErrorInfo")]
    [InlineData("google.rpc.BadRequest")]
    [InlineData("google.rpc.PreconditionFailure")]
    [InlineData("google.rpc.ResourceInfo")]
    [InlineData("google.rpc.RetryInfo")]
    public async Task Reflection_ErrorDetailType_IsServed(string type)
    {
        var response = await AskReflectionAsync(new ServerReflectionRequest { FileContainingSymbol = type });

        Assert.Equal("", response.ErrorResponse?.ErrorMessage ?? "");
        Assert.Contains("google/rpc/error_details.proto", FileNames(response));
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
