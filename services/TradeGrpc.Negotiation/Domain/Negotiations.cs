using System.Security.Cryptography;
using System.Text;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.ServiceDefaults.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>Creating and reading negotiations.</summary>
public sealed class Negotiations(INegotiationStore store, TimeProvider clock)
{
    /// <summary>
    /// Records a negotiation. With a <paramref name="requestId"/>, a repeat of the same request
    /// returns the first result; the same id with a different request is ALREADY_EXISTS.
    /// </summary>
    public async Task<NegotiationRecord> CreateAsync(string title, IReadOnlyList<string> parties, string requestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = new NegotiationRecord(Guid.CreateVersion7(now).ToString("N"), title, parties, NegotiationStatus.Active, now, now, 1);
        var fingerprint = Fingerprint(title, parties);
        var stored = await store.CreateAsync(record, requestId, fingerprint, cancellationToken);
        if (stored.Fingerprint != fingerprint)
        {
            throw DomainException.AlreadyExists("REQUEST_ID_REUSED", stored.Negotiation.Name,
                $"request_id {requestId} was used for a different request that created {stored.Negotiation.Name}.");
        }

        return stored.Negotiation;
    }

    public async Task<NegotiationRecord> GetAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(IdOf(name), cancellationToken) ?? throw DomainException.NotFound("NEGOTIATION_NOT_FOUND", name);

    public Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        store.ListAsync(afterId, limit, cancellationToken);

    private static string IdOf(string name) => name[(NegotiationRecord.CollectionId.Length + 1)..];

    private static string Fingerprint(string title, IReadOnlyList<string> parties) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{string.Join(",", parties)}")));
}
