using Grpc.Health.V1;
using Grpc.Net.Client;

namespace TradeGrpc.Hosting;

/// <summary>
/// The <c>healthcheck ADDRESS</c> command of a service binary: asks grpc.health.v1 at ADDRESS
/// and exits 0 when it answers SERVING. Container health checks use it, since the runtime
/// images ship no gRPC probe.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string address)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(address);
            var response = await new Grpc.Health.V1.Health.HealthClient(channel)
                .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            await Console.Out.WriteLineAsync(response.Status.ToString());
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
        }
        catch (Grpc.Core.RpcException ex)
        {
            await Console.Error.WriteLineAsync($"{address}: {ex.Status.StatusCode} {ex.Status.Detail}");
            return 1;
        }
    }
}
