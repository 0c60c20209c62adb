using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.Hosting;

/// <summary>
/// Calls that end before the interceptors run: grpc-dotnet reads a unary or server-streaming
/// request before any interceptor sees it, and answers a frame that does not parse UNKNOWN and a
/// frame it cannot take apart (a length past the body, a compressed flag without grpc-encoding)
/// INTERNAL, each time with stack traces in its log. Here such a call answers INVALID_ARGUMENT
/// (or RESOURCE_EXHAUSTED, over the size limit) with the service's ErrorInfo, and is logged in
/// one line. grpc-dotnet's own call handler log is silenced in <see cref="HostingDefaults"/>, so
/// every other call that ends UNKNOWN, which only a failure outside the interceptors can cause,
/// is logged here with its exception.
/// </summary>
public sealed partial class MalformedRequests(RequestDelegate next, ErrorDomain domain, ILogger<MalformedRequests> logger)
{
    /// <summary>The ErrorInfo reason of a request that is not a message of the method's request type.</summary>
    internal const string MalformedReason = "MALFORMED_REQUEST";

    /// <summary>The category grpc-dotnet logs its call handling under.</summary>
    internal const string GrpcHandlerCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    // grpc-dotnet's statuses for frames it cannot take apart; it gives them no exception type of their own.
    private static readonly HashSet<string> FramingErrors =
    [
        "Incomplete message.",
        "Additional data after the message received.",
        "Request did not include grpc-encoding value with compressed message.",
        "Request sent 'identity' grpc-encoding value with compressed message.",
    ];

    // What grpc-dotnet answers a message over MaxReceiveMessageSize; other RESOURCE_EXHAUSTED answers are the service's own.
    private const string TooLarge = "Received message exceeds the maximum configured message size.";

    internal const string MalformedMessage = "The request is not a well-formed message of the method's request type.";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IServerCallContextFeature>()?.ServerCallContext is not { } call)
        {
            return;
        }

        var status = call.Status;
        switch (status)
        {
            case { StatusCode: StatusCode.Unknown, DebugException: InvalidProtocolBufferException or InvalidDataException }:
            case { StatusCode: StatusCode.Internal, DebugException: null } when FramingErrors.Contains(status.Detail):
                // The exception's message says what did not parse; its stack trace is grpc-dotnet's, of no use here.
                LogMalformed(logger, call.Method, status.DebugException?.Message ?? status.Detail);
                Answer(context, StatusCode.InvalidArgument, MalformedReason, MalformedMessage);
                break;
            case { StatusCode: StatusCode.ResourceExhausted, DebugException: null } when status.Detail == TooLarge:
                LogMalformed(logger, call.Method, status.Detail);
                Answer(context, StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", "The request is larger than the service accepts.");
                break;
            // A caller that reset its stream or connection ended the call, not a fault of the service; the
            // reset can reach the request's reader before it cancels RequestAborted.
            case { StatusCode: StatusCode.Unknown } when !context.RequestAborted.IsCancellationRequested && status.DebugException is not IOException:
                LogFailed(logger, status.DebugException, call.Method, status.Detail);
                break;
        }
    }

    /// <summary>Replaces the status grpc-dotnet wrote, in the headers of a trailers-only response or in the trailers.</summary>
    private void Answer(HttpContext context, StatusCode code, string reason, string message)
    {
        var destination = context.Response.HasStarted
            ? context.Features.Get<IHttpResponseTrailersFeature>()!.Trailers
            : context.Response.Headers;
        var details = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = domain.Name }) },
        };
        destination["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        // Plain ASCII without '%': nothing to percent-encode.
        destination["grpc-message"] = message;
        destination["grpc-status-details-bin"] = Convert.ToBase64String(details.ToByteArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method}: malformed request refused ({Detail})")]
    private static partial void LogMalformed(ILogger logger, string method, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed outside the service's handlers: {Detail}")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string method, string detail);
}
