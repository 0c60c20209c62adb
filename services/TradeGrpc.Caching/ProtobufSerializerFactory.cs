using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;

namespace TradeGrpc.Caching;

/// <summary>Caches Google.Protobuf messages as their protobuf bytes, not JSON.</summary>
public sealed class ProtobufSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        if (typeof(IMessage).IsAssignableFrom(typeof(T)) && typeof(T).GetProperty("Parser")?.GetValue(null) is MessageParser parser)
        {
            serializer = new Serializer<T>(parser);
            return true;
        }

        serializer = null;
        return false;
    }

    private sealed class Serializer<T>(MessageParser parser) : IHybridCacheSerializer<T>
    {
        public T Deserialize(ReadOnlySequence<byte> source) => (T)parser.ParseFrom(source);

        public void Serialize(T value, IBufferWriter<byte> target) => ((IMessage)value!).WriteTo(target);
    }
}
