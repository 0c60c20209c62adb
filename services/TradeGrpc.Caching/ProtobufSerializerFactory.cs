using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;

namespace TradeGrpc.Caching;

/// <summary>Caches Google.Protobuf messages, as the <see cref="ReadCache"/> holds them, as their protobuf bytes, not JSON.</summary>
public sealed class ProtobufSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Shared<>)
            && typeof(T).GetGenericArguments()[0] is var message && typeof(IMessage).IsAssignableFrom(message)
            && message.GetProperty("Parser")?.GetValue(null) is MessageParser parser)
        {
            serializer = (IHybridCacheSerializer<T>)Activator.CreateInstance(typeof(Serializer<>).MakeGenericType(message), parser)!;
            return true;
        }

        serializer = null;
        return false;
    }

    private sealed class Serializer<TMessage>(MessageParser parser) : IHybridCacheSerializer<Shared<TMessage>>
    {
        public Shared<TMessage> Deserialize(ReadOnlySequence<byte> source) => new((TMessage)parser.ParseFrom(source));

        public void Serialize(Shared<TMessage> value, IBufferWriter<byte> target) => ((IMessage)value.Value!).WriteTo(target);
    }
}
