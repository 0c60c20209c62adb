using Microsoft.Extensions.DependencyInjection;

namespace TradeGrpc.Client;

/// <summary>
/// The clients that one call of <see cref="TradeClientRegistration.AddTariffClients"/> registered,
/// to configure further, each through its <see cref="IHttpClientBuilder"/>.
/// </summary>
public sealed class TradeClients(IReadOnlyList<IHttpClientBuilder> clients)
{
    public IReadOnlyList<IHttpClientBuilder> Clients { get; } = clients;
}
