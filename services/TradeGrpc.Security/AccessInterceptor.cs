using Grpc.Core;
using Grpc.Core.Interceptors;
using TradeGrpc.Errors;
using TradeGrpc.Identity;

namespace TradeGrpc.Security;

/// <summary>
/// Lets a call through only when its caller holds the permission the <see cref="AccessTable"/>
/// declares for the method: UNAUTHENTICATED without credentials that hold, PERMISSION_DENIED
/// naming the permission otherwise, before the request is validated or read, so that a caller
/// who may not call learns nothing of what it asked about. The caller is then
/// <see cref="Caller.Current"/> for the rest of the call.
/// </summary>
public sealed class AccessInterceptor(AccessTable table, CallerAuthenticator authenticator) : Interceptor
{
    // A caller already checked is known at once: the call then goes on with no state machine of its own.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var admission = AdmitAsync(context);
        if (!admission.IsCompletedSuccessfully)
        {
            return AdmittedAsync(admission, () => continuation(request, context));
        }

        Caller.Current = admission.Result;
        return continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Caller.Current = await AdmitAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Caller.Current = await AdmitAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Caller.Current = await AdmitAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private static async Task<TResponse> AdmittedAsync<TResponse>(ValueTask<Caller> admission, Func<Task<TResponse>> call)
    {
        Caller.Current = await admission;
        return await call();
    }

    // Returns the caller rather than setting it: a value an async method gives an AsyncLocal does not outlive the method.
    private async ValueTask<Caller> AdmitAsync(ServerCallContext context)
    {
        var permission = table.PermissionFor(context.Method)
            ?? throw new PermissionDeniedException("undeclared", $"{context.Method} declares no permission, so no caller may call it.");
        if (permission == AccessTable.Public)
        {
            return Caller.Anonymous;
        }

        var caller = await authenticator.AuthenticateAsync(context.GetHttpContext());
        if (!Permissions.Reads.Contains(permission))
        {
            // For the audit trail of changes, which records refused calls too.
            context.UserState[typeof(Caller)] = caller;
        }

        if (!caller.Has(permission))
        {
            throw new PermissionDeniedException(permission, $"{context.Method} needs the permission {permission}, which {Describe(caller.Actor)} does not hold.");
        }

        return caller;
    }

    private static string Describe(Actor actor) => actor.Subject.Length > 0 ? $"'{actor.Subject}'" : "the caller";
}
