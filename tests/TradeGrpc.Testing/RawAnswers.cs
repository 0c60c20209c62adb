using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace TradeGrpc.Testing;

/// <summary>Calls a unary method and reads its answer as the bytes on the wire, unparsed.</summary>
public static class RawAnswers
{
    public static Task<byte[]> CallAsync<TRequest>(ChannelBase channel, ServiceDescriptor service, string method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
    {
        var raw = new Method<TRequest, byte[]>(MethodType.Unary, service.FullName, method,
            Marshallers.Create<TRequest>(r => r.ToByteArray(), new MessageParser<TRequest>(() => new TRequest()).ParseFrom),
            Marshallers.Create<byte[]>(b => b, b => b));
        return channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), request).ResponseAsync;
    }
}
