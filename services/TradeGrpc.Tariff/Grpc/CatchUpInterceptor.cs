using Grpc.Core;
using Grpc.Core.Interceptors;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// While this replica cannot hear the others (Redis away), brings the tariff book up to the store
/// before each call, so that an answer never misses a change made through another replica.
/// In step, it costs one flag read.
/// </summary>
public sealed class CatchUpInterceptor(ReplicaBus bus, ReplicaChanges changes) : Interceptor
{
    // In step, each handler hands the call straight on: no state machine on the hot path.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        bus.InStep ? continuation(request, context) : CaughtUpAsync(context, () => continuation(request, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        bus.InStep ? continuation(request, responseStream, context) : CaughtUpAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        bus.InStep ? continuation(requestStream, context) : CaughtUpAsync(context, () => continuation(requestStream, context));

    private async Task<T> CaughtUpAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        await changes.CatchUpAsync(context.CancellationToken);
        return await call();
    }
}
