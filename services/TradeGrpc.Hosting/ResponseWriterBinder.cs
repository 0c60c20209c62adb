using Google.Protobuf;
using Grpc.Core;

namespace TradeGrpc.Hosting;

/// <summary>
/// Hands a generated service's methods to the real binder with the response marshaller replaced for the response types
/// given a writer of their own, and, once <see cref="WithKeptAnswers"/> is called, for every other response type by
/// <see cref="KeptAnswers.Write"/>; otherwise a method, and every request, keeps its generated marshaller. JSON
/// transcoding binds through here too and reads no marshaller, so it is unchanged.
/// </summary>
/// <remarks>
/// The generated marshaller sizes a message again at each level it is nested in before writing it, on every call. A writer
/// here can size each nested message once, or copy the bytes of an answer written before; either pays for itself only
/// where a measurement says so, and must be held to the generated code's bytes by a test (see <c>WireWriter</c>).
/// </remarks>
public sealed class ResponseWriterBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    private readonly Dictionary<Type, Delegate> writers = [];
    private bool keptAnswers;

    /// <summary>Writes every <typeparamref name="TResponse"/> with <paramref name="write"/>.</summary>
    public ResponseWriterBinder With<TResponse>(Action<TResponse, SerializationContext> write)
    {
        writers.Add(typeof(TResponse), write);
        return this;
    }

    /// <summary>Writes the bytes <see cref="KeptAnswers"/> keeps of an answer, for every response type without a writer of its own.</summary>
    public ResponseWriterBinder WithKeptAnswers()
    {
        keptAnswers = true;
        return this;
    }

    /// <summary>Writes <paramref name="message"/> as its generated marshaller does: for the answers a writer has no shortcut for.</summary>
    public static void WriteAsGenerated(IMessage message, SerializationContext context)
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Written(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Written(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Written(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Written(method), handler);

    private Method<TRequest, TResponse> Written<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        writers.TryGetValue(typeof(TResponse), out var write) ? WrittenBy(method, (Action<TResponse, SerializationContext>)write)
        : keptAnswers ? WrittenBy<TRequest, TResponse>(method, static (answer, context) => KeptAnswers.Write((IMessage)answer, context))
        : method;

    private static Method<TRequest, TResponse> WrittenBy<TRequest, TResponse>(Method<TRequest, TResponse> method, Action<TResponse, SerializationContext> write)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, Marshallers.Create(write, method.ResponseMarshaller.ContextualDeserializer));
}
