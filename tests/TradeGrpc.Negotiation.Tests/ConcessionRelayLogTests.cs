using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeGrpc.Commands;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class ConcessionRelayLogTests
{
    [Fact]
    public async Task ExecuteAsync_StoreDownForManyPasses_LogsTheOutageOnceAndItsEndOnce()
    {
        const int FailedPasses = 12;
        var store = DispatchProxy.Create<ITalksStore, OutboxThatFailsFirst>();
        ((OutboxThatFailsFirst)(object)store).FailFirst = FailedPasses;
        var capture = new LogCapture();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        using var signal = new OutboxSignal();
        var options = Options.Create(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new NegotiationMetrics(services.GetRequiredService<IMeterFactory>(), new Broadcaster<StoredEvent>());
        using var relay = new ConcessionRelay(store, new Sender(services), null!, signal,
            TimeProvider.System, options, logging.CreateLogger<ConcessionRelay>(), metrics);

        await relay.StartAsync(CancellationToken.None);
        await Eventually.PollAsync(() => Task.FromResult(((OutboxThatFailsFirst)(object)store).Passes), passes => passes > FailedPasses + 2, TimeSpan.FromSeconds(20));
        await relay.StopAsync(CancellationToken.None);

        var lines = capture.Of<ConcessionRelay>();
        Assert.Equal([LogLevel.Error, LogLevel.Information], lines.Select(l => l.Level));
        Assert.IsType<TimeoutException>(lines[0].Exception);
        Assert.Null(lines[1].Exception);
    }

    /// <summary>A store whose outbox cannot be read for its first passes, and is empty after.</summary>
    public class OutboxThatFailsFirst : DispatchProxy
    {
        private int passes;

        public int FailFirst { get; set; }

        public int Passes => Volatile.Read(ref passes);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(ITalksStore.CountOutboxAsync))
            {
                // Asked when a meter listener in the process (another test's) collects the outbox's depth.
                return Task.FromResult(0L);
            }

            if (targetMethod?.Name != nameof(ITalksStore.ClaimDueOutboxAsync))
            {
                throw new NotSupportedException($"The relay has no business calling {targetMethod?.Name} here.");
            }

            return Interlocked.Increment(ref passes) <= FailFirst
                ? Task.FromException<IReadOnlyList<ClaimedOutboxItem>>(new TimeoutException("The store did not answer."))
                : Task.FromResult<IReadOnlyList<ClaimedOutboxItem>>([]);
        }
    }
}
