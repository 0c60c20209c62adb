using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TradeGrpc.Caching;
using TradeGrpc.Errors;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>What a command does to the talks: the new talks, its result, the resource it names, and the events it records.</summary>
public sealed record TalksChange<T>(TalksRecord Talks, T Result, string Resource, IReadOnlyList<EventDraft> Events, OutboxChange? Outbox = null);

/// <summary>
/// Records the talks. Each command loads the negotiation, computes the change, and stores the
/// negotiation, its events (and any outbox item) in one transaction; then the events go to
/// watchers. Commands with a request_id happen once.
/// </summary>
public sealed partial class NegotiationDesk(
    INegotiationStore store, CommandGate gate, Broadcaster<StoredEvent> timeline, ReadCache cache, IOptions<ReplicaOptions> replicaOptions, TimeProvider clock)
{
    public async Task<NegotiationRecord> CreateAsync(string title, IReadOnlyList<string> parties, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        await gate.RunAsync(requestId, fingerprint, name => GetAsync(name, cancellationToken), async () =>
        {
            var now = clock.GetUtcNow();
            var negotiation = new NegotiationRecord(Guid.CreateVersion7(now).ToString("N"), title, parties, TalksRecord.Empty, now, now, 1);
            var events = await store.CreateAsync(negotiation,
                new EventDraft(EventKindValue.NegotiationCreated, negotiation.Name, $"Negotiation '{title}' between {string.Join(", ", parties)} recorded."),
                CommandGate.Record(requestId, negotiation.Name, fingerprint), cancellationToken);
            Publish(negotiation.Id, events);
            return negotiation;
        });

    /// <summary>The version the store holds of the negotiation; NOT_FOUND if there is none.</summary>
    public async Task<long> VersionAsync(string name, CancellationToken cancellationToken) =>
        await store.VersionAsync(NegotiationRecord.IdOf(name), cancellationToken) ?? throw new NotFoundException("NEGOTIATION_NOT_FOUND", name);

    public async Task<NegotiationRecord> GetAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(NegotiationRecord.IdOf(name), cancellationToken) ?? throw new NotFoundException("NEGOTIATION_NOT_FOUND", name);

    public Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        store.ListAsync(afterId, limit, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string name, long afterSequence, IReadOnlyCollection<EventKindValue> kinds,
        DateOnly? from, DateOnly? to, int limit, CancellationToken cancellationToken)
    {
        var negotiation = await GetAsync(name, cancellationToken);
        return await store.ListEventsAsync(negotiation.Id, afterSequence, kinds,
            from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc), limit, cancellationToken);
    }

    /// <summary>
    /// The negotiation's events after <paramref name="afterSequence"/>, as they are recorded, none
    /// lost and none twice. The store is the record: a new event (from this replica or, through the
    /// replica bus, another) only wakes the watch to read it, and a quiet watch reads again every few
    /// seconds in case a wake-up was lost while Redis was away.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> WatchAsync(string name, long afterSequence, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var negotiation = await GetAsync(name, cancellationToken);
        // Subscribe before reading the store, so that an event recorded in between wakes the watch.
        using var live = timeline.Subscribe();
        var last = afterSequence;
        while (true)
        {
            IReadOnlyList<StoredEvent> page;
            do
            {
                page = await store.ListEventsAsync(negotiation.Id, last, [], null, null, 500, cancellationToken);
                foreach (var stored in page)
                {
                    last = stored.Sequence;
                    yield return stored;
                }
            }
            while (page.Count == 500);

            await WakeUpAsync(live.Reader, negotiation.Id, last, cancellationToken);
        }
    }

    /// <summary>
    /// Waits for a newer event of the negotiation. Other replicas' news may not come, so it returns
    /// anyway after the quiet interval, or within the out-of-step interval of finding this replica
    /// out of step.
    /// </summary>
    private async Task WakeUpAsync(System.Threading.Channels.ChannelReader<StoredEvent> live, string negotiationId, long last, CancellationToken cancellationToken)
    {
        var (quiet, outOfStep) = (replicaOptions.Value.QuietPollInterval, replicaOptions.Value.OutOfStepPollInterval);
        var waited = TimeSpan.Zero;
        while (cache.Bus.InStep && waited < quiet)
        {
            var slice = outOfStep < quiet - waited ? outOfStep : quiet - waited;
            if (await NewerEventAsync(live, negotiationId, last, slice, cancellationToken))
            {
                return;
            }

            waited += slice;
        }

        if (!cache.Bus.InStep)
        {
            await NewerEventAsync(live, negotiationId, last, outOfStep, cancellationToken);
        }
    }

    /// <summary>Whether a newer event of the negotiation arrives within <paramref name="atMost"/>.</summary>
    private static async Task<bool> NewerEventAsync(System.Threading.Channels.ChannelReader<StoredEvent> live, string negotiationId, long last, TimeSpan atMost,
        CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(atMost);
        try
        {
            while (await live.WaitToReadAsync(quiet.Token))
            {
                while (live.TryRead(out var next))
                {
                    if (next.NegotiationId == negotiationId && next.Sequence > last)
                    {
                        return true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet for a while.
        }

        return false;
    }

    /// <summary>Runs a command on the talks of <paramref name="negotiationName"/>.</summary>
    private Task<T> ChangeAsync<T>(string negotiationName, string requestId, string fingerprint,
        Func<NegotiationRecord, string, T> replay, Func<NegotiationRecord, DateTimeOffset, TalksChange<T>> change, CancellationToken cancellationToken) =>
        gate.RunAsync(requestId, fingerprint,
            async resource => replay(await GetAsync(negotiationName, cancellationToken), resource),
            async () =>
            {
                var current = await GetAsync(negotiationName, cancellationToken);
                var now = clock.GetUtcNow();
                var result = change(current, now);
                var next = current with { Talks = result.Talks, UpdateTime = now, Version = current.Version + 1 };
                var events = await store.SaveAsync(next, current.Version, result.Events, result.Outbox,
                    CommandGate.Record(requestId, result.Resource, fingerprint), cancellationToken)
                    ?? throw new ConflictException("CONCURRENT_CHANGE", negotiationName, $"{negotiationName} was changed by another writer; try again.");
                Publish(current.Id, events);
                return result.Result;
            });

    /// <summary>The cache tag of everything read from one negotiation.</summary>
    public static string CacheTag(string negotiationId) => $"negotiation:{negotiationId}";

    /// <summary>The topic that tells other replicas a negotiation has new events: <c>events:{id}:{first}:{last}</c>.</summary>
    public const string EventsTopic = "events:";

    /// <summary>
    /// After a change: drops the negotiation's cached reads on every replica, streams the events to
    /// this replica's watchers, and tells the other replicas to stream them to theirs.
    /// </summary>
    private void Publish(string negotiationId, IReadOnlyList<StoredEvent> events)
    {
        cache.Invalidate(CacheTag(negotiationId));
        foreach (var stored in events)
        {
            timeline.Publish(stored);
        }

        if (events.Count > 0)
        {
            cache.Bus.Publish($"{EventsTopic}{negotiationId}:{events[0].Sequence}:{events[^1].Sequence}", handleHere: false);
        }
    }

    private static void RequireParty(NegotiationRecord negotiation, string party, string field)
    {
        if (!negotiation.Parties.Contains(party))
        {
            throw new RuleViolationException("PARTY_NOT_IN_NEGOTIATION", "PARTY", negotiation.Name,
                $"{party} ({field}) is not a party to {negotiation.Name}; its parties are {string.Join(", ", negotiation.Parties)}.");
        }
    }

    private static T Find<T>(IReadOnlyList<T> items, Func<T, int> number, string name, string reason) =>
        items.FirstOrDefault(i => number(i) == ChildName.Parse(name).Number) is { } found
            ? found
            : throw new NotFoundException(reason, name);

    /// <summary>Like Find, for a name a request gives as a link: it must be under this negotiation.</summary>
    private static T FindLinked<T>(NegotiationRecord negotiation, IReadOnlyList<T> items, Func<T, int> number, string name, string reason) =>
        name.StartsWith(negotiation.Name + "/", StringComparison.Ordinal)
            ? Find(items, number, name, reason)
            : throw new NotFoundException(reason, name);

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, T old, T replacement) =>
        [.. items.Select(i => ReferenceEquals(i, old) ? replacement : i)];

    /// <summary>A UUID derived from a name, so that every attempt to deliver the same thing carries the same request_id.</summary>
    private static string StableRequestId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
