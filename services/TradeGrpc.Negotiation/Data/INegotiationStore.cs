using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Data;

/// <summary>A created negotiation and the fingerprint of the request that created it.</summary>
public sealed record StoredCreate(NegotiationRecord Negotiation, string Fingerprint);

/// <summary>Where negotiations are kept. SQLite by default; another provider fills the same seam.</summary>
public interface INegotiationStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="negotiation"/>, unless <paramref name="requestId"/> is set and
    /// already created one: then returns that one with its request's fingerprint.
    /// </summary>
    Task<StoredCreate> CreateAsync(NegotiationRecord negotiation, string requestId, string fingerprint, CancellationToken cancellationToken);

    Task<NegotiationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Negotiations in the order they were created, after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken);
}
