using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class TimelineWatchTests
{
    private const int Watchers = 12;

    [Fact]
    public async Task WatchAsync_WatchersWokenTogetherWhileTheQueryRuns_ReadTheStoreOnce()
    {
        var store = DispatchProxy.Create<ITalksStore, SlowQueryStore>();
        var events = (SlowQueryStore)(object)store;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var bus = new ReplicaBus("negotiation", null, _ => Task.FromResult(Array.Empty<byte>()), NullLogger<ReplicaBus>.Instance);
        var timeline = new Broadcaster<StoredEvent>();
        var watch = new TimelineWatch(store, new GetNegotiationVersionHandler(store), timeline, bus,
            Options.Create(new ReplicaOptions { QuietPollInterval = TimeSpan.FromHours(1) }), services.GetRequiredService<IMeterFactory>());
        using var stop = new CancellationTokenSource();
        var watches = Enumerable.Range(0, Watchers)
            .Select(_ => watch.WatchAsync($"{Domain.Negotiation.CollectionId}/{SlowQueryStore.Negotiation}", 0, stop.Token).GetAsyncEnumerator(stop.Token))
            .ToList();
        var firsts = watches.Select(w => w.MoveNextAsync().AsTask()).ToList();
        // Every watch has read the empty store, so it is subscribed and waits for news.
        await Eventually.PollAsync(() => Task.FromResult(events.FirstReads), reads => reads == Watchers, TimeSpan.FromSeconds(20));

        timeline.Publish(SlowQueryStore.Raised);

        Assert.All(await Task.WhenAll(firsts), Assert.True);
        Assert.All(watches, w => Assert.Equal(SlowQueryStore.Raised, w.Current));
        Assert.Equal(1, events.WokenReads);
        await stop.CancelAsync();
    }

    /// <summary>
    /// A store holding one negotiation whose one event is recorded once the watches have read it
    /// empty. Its query runs before the call returns, as SQLite's does, and takes its time: up to a
    /// second, or until every watch has come to read it on its own.
    /// </summary>
    public class SlowQueryStore : DispatchProxy
    {
        public const string Negotiation = "n1";

        public static readonly StoredEvent Raised = new(1, Negotiation, TalkEventKind.IssueRaised, "negotiations/n1/issues/i1",
            DateTimeOffset.UnixEpoch, "Issue raised");

        private int firstReads;
        private int wokenReads;

        public int FirstReads => Volatile.Read(ref firstReads);

        public int WokenReads => Volatile.Read(ref wokenReads);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(ITalksStore.VersionAsync):
                    return Task.FromResult<long?>(1);
                case nameof(ITalksStore.ListEventsAsync) when FirstReads < Watchers:
                    Interlocked.Increment(ref firstReads);
                    return Task.FromResult<IReadOnlyList<StoredEvent>>([]);
                case nameof(ITalksStore.ListEventsAsync):
                    // Not a wait for the answer: the answer (one read) holds however long this takes.
                    // It gives watches that would read on their own the time to show it.
                    Interlocked.Increment(ref wokenReads);
                    SpinWait.SpinUntil(() => WokenReads == Watchers, TimeSpan.FromSeconds(1));
                    return Task.FromResult<IReadOnlyList<StoredEvent>>([Raised]);
                default:
                    throw new NotSupportedException($"A watch has no business calling {targetMethod?.Name}.");
            }
        }
    }
}
