using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Tests;

public sealed class StoreHealthCheckTests
{
    private static readonly HealthCheckContext Context = new();

    [Fact]
    public async Task CheckHealthAsync_AStormOfChecks_ProbesTheStoreOnce()
    {
        var store = new CountedStore();
        var check = new StoreHealthCheck(store, new StoppedClock());

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => check.CheckHealthAsync(Context)));

        Assert.All(results, r => Assert.Equal(HealthStatus.Healthy, r.Status));
        Assert.Equal(1, store.Probes);
    }

    [Fact]
    public async Task CheckHealthAsync_StoreGoneAfterAProbe_ShowsUnhealthyOnceThatProbeIsASecondOld()
    {
        var store = new CountedStore();
        var clock = new StoppedClock();
        var check = new StoreHealthCheck(store, clock);
        await check.CheckHealthAsync(Context);

        store.Gone = true;
        var stillFresh = await check.CheckHealthAsync(Context);
        clock.Advance(StoreHealthCheck.Freshness);
        var probedAgain = await check.CheckHealthAsync(Context);

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Unhealthy, 2), (stillFresh.Status, probedAgain.Status, store.Probes));
    }

    private sealed class StoppedClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A store that only answers probes, and counts them.</summary>
    private sealed class CountedStore : Database
    {
        private int probes;

        public int Probes => Volatile.Read(ref probes);

        public bool Gone { get; set; }

        public override StoreProvider Provider => StoreProvider.Sqlite;

        public override string LockRows => "";

        public override async Task ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref probes);
            // Long enough for the storm to arrive while the probe is under way.
            await Task.Yield();
            if (Gone)
            {
                throw new TimeoutException("The store did not answer.");
            }
        }

        public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public override bool IsUniqueViolation(DbException exception) => throw new NotSupportedException();

        public override bool IsWriteConflict(DbException exception) => throw new NotSupportedException();

        public override Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
            IEnumerable<string[]> rows, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
