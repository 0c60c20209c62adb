using Grpc.Core;
using TradeGrpc.Benchmarks.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>The baseline RPC: same server, same interceptors, no work.</summary>
internal sealed class NoopService : V1.NoopService.NoopServiceBase
{
    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Task.FromResult(new PingResponse());
}
