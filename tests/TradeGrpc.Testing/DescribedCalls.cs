using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace TradeGrpc.Testing;

/// <summary>
/// Calls any method of a service by its descriptor with an empty request, as a client that knows
/// only the contract would, and gives back the status it ends with: for checks that hold for
/// every method, whatever its shape.
/// </summary>
public static class DescribedCalls
{
    public static async Task<StatusCode> StatusOfAsync(CallInvoker invoker, MethodDescriptor method)
    {
        var call = new Method<IMessage, IMessage>(
            (method.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (true, false) => MethodType.ClientStreaming,
                (false, true) => MethodType.ServerStreaming,
                _ => MethodType.DuplexStreaming,
            },
            method.Service.FullName,
            method.Name,
            Marshaller(method.InputType),
            Marshaller(method.OutputType));
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
        // A stream that a permitted caller opens stays open: a short deadline ends it.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2));
        try
        {
            switch (call.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(call, null, options, request);
                    break;
                case MethodType.ClientStreaming:
                    using (var upload = invoker.AsyncClientStreamingCall(call, null, options))
                    {
                        await upload.RequestStream.CompleteAsync();
                        await upload.ResponseAsync;
                    }

                    break;
                case MethodType.ServerStreaming:
                    using (var stream = invoker.AsyncServerStreamingCall(call, null, options, request))
                    {
                        while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
                default:
                    throw new NotSupportedException($"{method.FullName} streams both ways; no contract has such a method yet.");
            }

            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    private static Marshaller<IMessage> Marshaller(MessageDescriptor type) =>
        Marshallers.Create(message => message.ToByteArray(), bytes => type.Parser.ParseFrom(bytes));
}
