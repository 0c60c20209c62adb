using Google.Protobuf;
using Grpc.Core;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Calls a TariffService method and reads its answer as the bytes on the wire, unparsed.</summary>
internal static class RawAnswers
{
    public static Task<byte[]> CallAsync<TRequest>(ChannelBase channel, string method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
    {
        var raw = new Method<TRequest, byte[]>(MethodType.Unary, V1.TariffService.Descriptor.FullName, method,
            Marshallers.Create<TRequest>(r => r.ToByteArray(), new MessageParser<TRequest>(() => new TRequest()).ParseFrom),
            Marshallers.Create<byte[]>(b => b, b => b));
        return channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), request).ResponseAsync;
    }
}
