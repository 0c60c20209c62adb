using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Hosting;

/// <summary>
/// Gives every gRPC call a deadline no later than the host allows: a unary call
/// <c>Limits:MaxCallDuration</c>, a streaming one <c>Limits:MaxStreamDuration</c>. The caller's
/// <c>grpc-timeout</c> is kept when it is shorter, and replaced (or added) otherwise, so that gRPC
/// itself ends the call with DEADLINE_EXCEEDED and cancels its work down to the store.
/// </summary>
public sealed class CallDeadline(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    private const string TimeoutHeader = "grpc-timeout";

    private readonly (TimeSpan Max, string Header) unary = (limits.Value.MaxCallDuration, Format(limits.Value.MaxCallDuration));
    private readonly (TimeSpan Max, string Header) streaming = (limits.Value.MaxStreamDuration, Format(limits.Value.MaxStreamDuration));

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
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
