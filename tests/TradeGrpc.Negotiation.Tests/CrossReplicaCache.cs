using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Caching;
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
        var hits = 0L;
        using var listener = new MeterListener();
        var readerMeters = reader.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only the reader's counter: other hosts in this process count too.
            if (instrument.Meter.Scope == readerMeters && instrument.Meter.Name == ReadCache.MeterName && instrument.Name == "tradegrpc.cache.hits")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref hits, value));
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

        listener.Start();
        await new NegotiationService.NegotiationServiceClient(reader.Channel).GetNegotiationAsync(new GetNegotiationRequest { Name = talks });
        return Interlocked.Read(ref hits) > 0;
    }
}
