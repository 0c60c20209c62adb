using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.ServiceDefaults.Errors;

/// <summary>
/// Turns every exception a handler throws into a google.rpc.Status with an ErrorInfo.
/// Domain exceptions keep their code and details; anything unforeseen is logged with its
/// stack trace and answered INTERNAL without one.
/// </summary>
public sealed partial class ErrorInterceptor(ErrorDetails details, ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case DomainException domain:
                return details.ToRpcException(domain);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                var expired = context.Deadline <= DateTime.UtcNow;
                return details.ToRpcException(
                    expired ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                    expired ? "DEADLINE_EXCEEDED" : "CANCELLED",
                    expired ? "The deadline passed before the call completed." : "The call was cancelled.");
            case System.Data.Common.DbException { IsTransient: true }:
                // The store did not answer: worth retrying, here or on another replica.
                LogStoreUnavailable(logger, context.Method, ex.Message);
                return details.ToRpcException(StatusCode.Unavailable, "STORE_UNAVAILABLE", "The service's store did not answer; try again.");
            default:
                LogUnhandled(logger, ex, context.Method);
                return details.ToRpcException(StatusCode.Internal, "INTERNAL", "The server failed to complete the call.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: the store did not answer ({Error})")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method);
}
