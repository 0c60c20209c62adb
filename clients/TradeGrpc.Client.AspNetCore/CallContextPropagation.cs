using Microsoft.Extensions.DependencyInjection;

namespace TradeGrpc.Client;

/// <summary>Call-context propagation for TradeGrpc clients used inside an ASP.NET Core gRPC service.</summary>
public static class CallContextPropagation
{
    /// <summary>
    /// A call the clients make while the service serves a gRPC call inherits that call's deadline
    /// (when it is sooner than the call's own) and its cancellation. Calls made outside one, from a
    /// background service for example, go out as they are, with the clients' default deadline.
    /// </summary>
    public static TradeClients WithCallContextPropagation(this TradeClients clients)
    {
        foreach (var client in clients.Clients)
        {
            client.WithCallContextPropagation();
        }

        return clients;
    }

    /// <summary>As <see cref="WithCallContextPropagation(TradeClients)"/>, for the client that <c>AddNegotiationClient</c> registered.</summary>
    public static IHttpClientBuilder WithCallContextPropagation(this IHttpClientBuilder client) =>
        client.EnableCallContextPropagation(o => o.SuppressContextNotFoundErrors = true);
}
