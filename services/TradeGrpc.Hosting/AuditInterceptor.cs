using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using TradeGrpc.Identity;
using TradeGrpc.Security;
using TradeGrpc.Storage;

namespace TradeGrpc.Hosting;

/// <summary>
/// Records every call of a method that changes something (one whose permission is not a read) in
/// the store's audit trail once it has ended: allowed or refused, with its caller, the resource it
/// named or made, its request_id and how it ended. Outermost, so that it sees the status the caller
/// sees. Written after the call: a process that dies in between loses the entry, never the change's
/// own record of who made it.
/// </summary>
public sealed partial class AuditInterceptor(AccessTable table, AuditLog log, TimeProvider clock, ILogger<AuditInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Audited(context.Method) ? AuditedAsync(request, context, () => continuation(request, context)) : continuation(request, context);

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Audited(context.Method) ? AuditedAsync(null, context, () => continuation(requestStream, context)) : continuation(requestStream, context);

    private bool Audited(string method) => table.PermissionFor(method) is { Length: > 0 } permission && !Permissions.Reads.Contains(permission);

    private async Task<TResponse> AuditedAsync<TResponse>(object? request, ServerCallContext context, Func<Task<TResponse>> call)
    {
        TResponse response;
        try
        {
            response = await call();
        }
        catch (RpcException error)
        {
            await RecordAsync(context, request, null, error.StatusCode.ToString(), error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "");
            throw;
        }

        await RecordAsync(context, request, response, StatusCode.OK.ToString(), "");
        return response;
    }

    private async Task RecordAsync(ServerCallContext context, object? request, object? response, string outcome, string reason)
    {
        var caller = context.UserState.TryGetValue(typeof(Caller), out var known) ? (Caller)known! : Caller.Current;
        var record = new AuditRecord(0, clock.GetUtcNow(), context.Method, caller.Actor,
            Field(response, "name") ?? Field(request, "name") ?? Field(request, "parent") ?? Field(request, "negotiation") ?? "",
            Field(request, "request_id") ?? "", Upper(outcome), reason);
        try
        {
            // Not the call's token: a call cancelled at its end is still recorded.
            await log.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            LogNotRecorded(logger, context.Method, caller.Actor.Subject, ex.Message);
        }
    }

    private static string? Field(object? message, string name) =>
        message is IMessage { Descriptor: var descriptor } typed && descriptor.FindFieldByName(name) is { FieldType: Google.Protobuf.Reflection.FieldType.String } field
            && field.Accessor.GetValue(typed) is string { Length: > 0 } value
            ? value
            : null;

    // StatusCode names as the contracts write them: PermissionDenied is PERMISSION_DENIED.
    private static string Upper(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? $"_{c}" : $"{c}")).ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} by '{Subject}' could not be written to the audit trail: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string method, string subject, string error);
}
