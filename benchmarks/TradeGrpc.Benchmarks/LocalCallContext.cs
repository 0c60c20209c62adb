using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// The call context of a handler invoked in process, with no network in between (the pieces suite
/// timing a handler): no deadline, no headers, no propagation. Its HttpContext (where grpc-dotnet looks
/// for a custom context's) holds only the request's content type, which tells a handler whether the
/// call is gRPC or JSON.
/// </summary>
internal sealed class LocalCallContext : ServerCallContext
{
    private readonly CancellationToken cancellationToken;

    public LocalCallContext(string contentType, CancellationToken cancellationToken)
    {
        this.cancellationToken = cancellationToken;
        UserState["__HttpContext"] = new DefaultHttpContext { Request = { ContentType = contentType } };
    }

    protected override string MethodCore => "local";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "local";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Local calls do not propagate.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
