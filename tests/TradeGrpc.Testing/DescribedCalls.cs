using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace TradeGrpc.Testing;

/// <summary>
/// Calls any method of a service by its descriptor, as a client that knows only the contract
/// would: for checks that hold for every method, whatever its shape.
/// </summary>
public static class DescribedCalls
{
    /// <summary>
    /// The status a call with an empty request ends with, within <paramref name="deadline"/> (two seconds
    /// unless given): a stream a permitted caller opens stays open until then, so a call that should be
    /// refused at once is better given long enough that a busy machine cannot make it miss.
    /// </summary>
    public static async Task<StatusCode> StatusOfAsync(CallInvoker invoker, MethodDescriptor method, TimeSpan? deadline = null)
    {
        try
        {
            await CallAsync(invoker, method, (IMessage)Activator.CreateInstance(method.InputType.ClrType)!, deadline ?? TimeSpan.FromSeconds(2));
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    /// <summary>
    /// One call of <paramref name="method"/> with <paramref name="request"/>: a client stream sends it
    /// as its one message, a server stream is read to its end. It ends when the call does or when
    /// <paramref name="deadline"/> has passed (a watch a permitted caller opens stays open); a
    /// failure is the call's RpcException.
    /// </summary>
    public static async Task CallAsync(CallInvoker invoker, MethodDescriptor method, IMessage request, TimeSpan deadline)
    {
        var call = new Method<IMessage, IMessage>(
            (method.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (true, false) => MethodType.ClientStreaming,
                (false, true) => MethodType.ServerStreaming,
                _ => throw new NotSupportedException($"{method.FullName} streams both ways; no contract has such a method yet."),
            },
            method.Service.FullName,
            method.Name,
            Marshaller(method.InputType),
            Marshaller(method.OutputType));
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(deadline));
        switch (call.Type)
        {
            case MethodType.Unary:
                await invoker.AsyncUnaryCall(call, null, options, request);
                break;
            case MethodType.ClientStreaming:
                using (var upload = invoker.AsyncClientStreamingCall(call, null, options))
                {
                    try
                    {
                        await upload.RequestStream.WriteAsync(request);
                        await upload.RequestStream.CompleteAsync();
                    }
                    catch (Exception error) when (error is RpcException or InvalidOperationException)
                    {
                        // A call refused before its request is read may end while the request is being sent, and the
                        // failed write then says less than the call's own status, which its response carries.
                    }

                    await upload.ResponseAsync;
                }

                break;
            default:
                using (var stream = invoker.AsyncServerStreamingCall(call, null, options, request))
                {
                    while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }
                }

                break;
        }
    }

    private static Marshaller<IMessage> Marshaller(MessageDescriptor type) =>
        Marshallers.Create(message => message.ToByteArray(), bytes => type.Parser.ParseFrom(bytes));
}
