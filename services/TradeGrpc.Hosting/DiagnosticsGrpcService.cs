using Grpc.Core;
using TradeGrpc.Diagnostics.V1;

namespace TradeGrpc.Hosting;

/// <summary>
/// The no-op every host serves: what a call costs with nothing but the host's interceptors and
/// caller checks around it (unlike grpc.health.v1, whose Check queries the store).
/// </summary>
public sealed class DiagnosticsGrpcService : DiagnosticsService.DiagnosticsServiceBase
{
    // One response for every call: an empty message is never changed once sent.
    private static readonly Task<PingResponse> Pong = Task.FromResult(new PingResponse());

    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Pong;
}
