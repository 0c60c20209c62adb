using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Hosting;

/// <summary>
/// Gives every gRPC call a deadline no later than the host allows: a unary call
/// <c>Limits:MaxCallDuration</c>, a streaming one <c>Limits:MaxStreamDuration</c>. The caller's
/// <c>grpc-timeout</c> is kept when it is shorter, and replaced (or added) otherwise, so that gRPC
/// itself ends the call with DEADLINE_EXCEEDED and cancels its work down to the store. A REST
/// call, which has no grpc-timeout, is cancelled at the same cap.
/// </summary>
public sealed class CallDeadline(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    private const string TimeoutHeader = "grpc-timeout";

    private readonly (TimeSpan Max, string Header) unary = (limits.Value.MaxCallDuration, Format(limits.Value.MaxCallDuration));
    private readonly (TimeSpan Max, string Header) streaming = (limits.Value.MaxStreamDuration, Format(limits.Value.MaxStreamDuration));

    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoding)
        {
            // JSON transcoding reads no grpc-timeout: the call's cancellation ends it at the cap instead.
            return WithinAsync(context, transcoding.MethodDescriptor.IsServerStreaming ? streaming.Max : unary.Max);
        }

        if (metadata?.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            var (max, header) = grpc.Method.Type == MethodType.Unary ? unary : streaming;
            var headers = context.Request.Headers;
            if (Parse(headers[TimeoutHeader].ToString()) is not { } asked || asked > max)
            {
                headers[TimeoutHeader] = header;
            }
        }

        return next(context);
    }

    /// <summary>Runs a REST call with its request's cancellation, which the call's own is, fired after <paramref name="max"/>.</summary>
    private async Task WithinAsync(HttpContext context, TimeSpan max)
    {
        var lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(lifetime.RequestAborted);
        deadline.CancelAfter(max);
        context.Features.Set<IHttpRequestLifetimeFeature>(new CappedLifetime(lifetime, deadline.Token));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(lifetime);
        }
    }

    /// <summary>Whether a REST call was cancelled because it reached the host's cap, not because its caller left.</summary>
    internal static bool CapReached(HttpContext context) =>
        context.Features.Get<IHttpRequestLifetimeFeature>() is CappedLifetime { CapReached: true };

    private sealed class CappedLifetime(IHttpRequestLifetimeFeature inner, CancellationToken capped) : IHttpRequestLifetimeFeature
    {
        public bool CapReached => capped.IsCancellationRequested && !inner.RequestAborted.IsCancellationRequested;

        public CancellationToken RequestAborted
        {
            get => capped;
            set => inner.RequestAborted = value;
        }

        public void Abort() => inner.Abort();
    }

    /// <summary>A grpc-timeout value (up to eight digits and a unit), or null when it is not one.</summary>
    private static TimeSpan? Parse(string value)
    {
        if (value.Length is < 2 or > 9 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    // Milliseconds while they fit in eight digits (27 hours), seconds beyond.
    private static string Format(TimeSpan timeout) => timeout.TotalMilliseconds <= 99_999_999
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)timeout.TotalMilliseconds}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)timeout.TotalSeconds}S");
}
