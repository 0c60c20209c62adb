using Grpc.Core;

namespace TradeGrpc.Benchmarks;

/// <summary>A call context for invoking a gRPC handler directly, without a server: no deadline, no headers.</summary>
internal sealed class DetachedCallContext : ServerCallContext
{
    protected override string MethodCore => "";

    protected override string HostCore => "";

    protected override string PeerCore => "";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("a detached call propagates nothing");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
