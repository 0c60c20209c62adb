using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Tells whether one negotiation replica reads from Redis what another one cached there.</summary>
internal static class CrossReplicaCache
{
    /// <summary>
    /// Makes a new version of <paramref name="talks"/> through <paramref name="writer"/> and reads it
    /// there (caching it), then reads it through <paramref name="reader"/>, which never read that
    /// version: whether that read was a cache hit, which only Redis can give it.
    /// </summary>
    public static async Task<bool> ReaderHitsRedisAsync(ServiceHost writer, ServiceHost reader, string talks, string lead)
    {
        var writing = new NegotiationService.NegotiationServiceClient(writer.Channel);
        await writing.SetDelegationAsync(new SetDelegationRequest
        {
            Negotiation = talks,
            Delegation = new Delegation { Party = "US", Members = { new DelegationMember { Name = lead, Lead = true } } },
        });
        // The change drops the negotiation's cached reads on every replica, in the background; had
        // that landed after the new version was cached, it would drop the new entry too.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        await writing.GetNegotiationAsync(new GetNegotiationRequest { Name = talks });

        using var hits = HostCounter.CacheHits(reader, "negotiation");
        await new NegotiationService.NegotiationServiceClient(reader.Channel).GetNegotiationAsync(new GetNegotiationRequest { Name = talks });
        return hits.Count > 0;
    }
}
