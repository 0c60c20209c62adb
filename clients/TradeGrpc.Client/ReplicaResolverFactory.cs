using Grpc.Net.Client.Balancer;

namespace TradeGrpc.Client;

/// <summary>
/// Resolves <c>replicas:///{client}</c> to the fixed replica addresses registered for that client,
/// so that each TradeGrpc client can balance over its own list.
/// </summary>
internal sealed class ReplicaResolverFactory : ResolverFactory
{
    public const string Scheme = "replicas";

    private readonly Dictionary<string, BalancerAddress[]> replicas = new(StringComparer.OrdinalIgnoreCase);

    public override string Name => Scheme;

    public void Register(string client, IEnumerable<Uri> addresses) =>
        replicas[client] = [.. addresses.Select(a => new BalancerAddress(a.Host, a.Port))];

    public override Resolver Create(ResolverOptions options)
    {
        var client = options.Address.AbsolutePath.Trim('/');
        return new StaticResolver(replicas.TryGetValue(client, out var addresses)
            ? addresses
            : throw new InvalidOperationException($"No replicas are registered for {client}."));
    }

    private sealed class StaticResolver(BalancerAddress[] addresses) : Resolver
    {
        private Action<ResolverResult>? listener;

        public override void Start(Action<ResolverResult> listener)
        {
            this.listener = listener;
            Refresh();
        }

        public override void Refresh() => listener?.Invoke(ResolverResult.ForResult(addresses));
    }
}
