using Grpc.Core;
using Grpc.Core.Interceptors;
using TradeGrpc.ServiceDefaults.Caching;
using TradeGrpc.Tariff.Data;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// While this replica cannot hear the others (Redis away), brings the tariff book up to the store
/// before each call, so that an answer never misses a change made through another replica.
/// In step, it costs one flag read.
/// </summary>
public sealed class CatchUpInterceptor(ReplicaBus bus, ReplicaChanges changes) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await CatchUpAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CatchUpAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CatchUpAsync(context);
        return await continuation(requestStream, context);
    }

    private Task CatchUpAsync(ServerCallContext context) =>
        bus.InStep ? Task.CompletedTask : changes.CatchUpAsync(context.CancellationToken);
}
