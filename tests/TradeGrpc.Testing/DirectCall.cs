using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace TradeGrpc.Testing;

/// <summary>
/// The context of a call made straight to a handler or an error mapping, with no host in between (tests, and the pieces
/// benchmark timing a handler): the method, deadline and token given, no headers, no propagation; and, when given, the
/// HttpContext, where grpc-dotnet looks for a custom context's.
/// </summary>
public sealed class DirectCall : ServerCallContext
{
    private readonly string method;
    private readonly DateTime deadline;
    private readonly CancellationToken token;

    public DirectCall(string method, DateTime deadline, CancellationToken token, HttpContext? http = null)
    {
        (this.method, this.deadline, this.token) = (method, deadline, token);
        if (http is not null)
        {
            UserState["__HttpContext"] = http;
        }
    }

    /// <summary>A call of <paramref name="method"/> with no deadline whose request is of <paramref name="contentType"/>: a handler that tells gRPC from JSON reads it.</summary>
    public static DirectCall Hosted(string method, string? contentType) =>
        new(method, DateTime.MaxValue, CancellationToken.None, new DefaultHttpContext { Request = { ContentType = contentType } });

    protected override string MethodCore => method;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => deadline;

    protected override Metadata RequestHeadersCore => [];

    protected override CancellationToken CancellationTokenCore => token;

    protected override Metadata ResponseTrailersCore => [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
