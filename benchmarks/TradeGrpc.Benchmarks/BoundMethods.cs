using Grpc.Core;

namespace TradeGrpc.Benchmarks;

/// <summary>The methods a service's bind method gives, by name: the pieces suite takes each answer's marshaller from here.</summary>
internal sealed class BoundMethods : ServiceBinderBase
{
    private readonly Dictionary<string, object> methods = [];

    public static BoundMethods Of(Action<ServiceBinderBase> bind)
    {
        var bound = new BoundMethods();
        bind(bound);
        return bound;
    }

    /// <summary>How the service writes <paramref name="name"/>'s answer to a call.</summary>
    public Action<TResponse, SerializationContext> AnswerWriter<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class =>
        ((Method<TRequest, TResponse>)methods[name]).ResponseMarshaller.ContextualSerializer;

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        methods.Add(method.Name, method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        methods.Add(method.Name, method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        methods.Add(method.Name, method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        methods.Add(method.Name, method);
}
