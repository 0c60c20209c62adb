using Google.Rpc;
using Grpc.Core;

namespace TradeGrpc.Client;

/// <summary>Reads the google.rpc error details that TradeGrpc services attach to every error.</summary>
public static class RpcErrors
{
    /// <summary>The ErrorInfo: the reason (UPPER_SNAKE_CASE) and the service's domain; null when absent.</summary>
    public static ErrorInfo? GetErrorInfo(this RpcException exception) => Detail<ErrorInfo>(exception);

    /// <summary>The BadRequest of an INVALID_ARGUMENT error: one violation per field; null when absent.</summary>
    public static BadRequest? GetBadRequest(this RpcException exception) => Detail<BadRequest>(exception);

    /// <summary>The PreconditionFailure of a FAILED_PRECONDITION error; null when absent.</summary>
    public static PreconditionFailure? GetPreconditionFailure(this RpcException exception) => Detail<PreconditionFailure>(exception);

    /// <summary>The field paths that an INVALID_ARGUMENT error names, for example <c>negotiation.parties[1]</c>.</summary>
    public static IReadOnlyList<string> GetInvalidFields(this RpcException exception) =>
        exception.GetBadRequest()?.FieldViolations.Select(v => v.Field).ToArray() ?? [];

    private static T? Detail<T>(RpcException exception)
        where T : class, Google.Protobuf.IMessage<T>, new() =>
        exception.GetRpcStatus()?.GetDetail<T>();
}
