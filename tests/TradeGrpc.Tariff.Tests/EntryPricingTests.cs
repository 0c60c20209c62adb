using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Commands;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// FileEntry against a book that changes while the entry waits for the uses it locks: which
/// allowances and quotas it draws on decides which uses it locks, and locking may wait on another
/// writer's row, long enough for an exclusion granted on another replica to reach this one. The
/// host's store here runs a step of the test just before it locks the uses, so that the change
/// falls in that wait every time. A host of its own: the change it makes is in the book alone.
/// </summary>
public sealed class EntryPricingTests
{
    [Fact]
    public async Task FileEntry_ExclusionGrantedWhileWaitingForTheUsesLock_IsPricedOnTheBookItLockedFor()
    {
        await using var host = await ServiceHost.StartAsync(args => TariffApp.Build(args, Hosting.CallerChecks.Enforced,
            services => services.AddSingleton<IBookStore>(sp => new SteppedBookStore(ActivatorUtilities.CreateInstance<BookStore>(sp)))));
        var importer = $"soy-{Guid.NewGuid():N}"[..24];
        var pending = await new MeasureService.MeasureServiceClient(host.Channel).RequestExclusionAsync(new RequestExclusionRequest
        {
            Exclusion = new Exclusion
            {
                Measure = "measures/cn-retaliation", HtsCode = "1201.90", Requester = importer, Importer = importer, ProductDescription = "For a stated purchase",
                Allowance = new V1.Allowance { Quantity = new Quantity { Unit = "T", Value = new Google.Type.Decimal { Value = "100" } } },
            },
        });
        var held = host.Services.GetRequiredService<TariffBook>().Current.Exclusions.Single(e => e.Name == pending.Name);
        // The request granted on another replica, and the news of it heard here, while the entry waits.
        ((SteppedBookStore)host.Services.GetRequiredService<IBookStore>()).OnceBeforeLockingUses(() => host.Services.GetRequiredService<BookNews>()
            .Apply(held.Decide(true, "", new DateOnly(2019, 9, 13), new DateOnly(2020, 9, 12), null, held.RequestedBy!, DateTimeOffset.UtcNow)));
        var importerClient = new TariffService.TariffServiceClient(host.ChannelAs(TestAuthority.Token($"clerk@{importer}", ["importer"], importer)));
        var line = new QuoteLine(Line("1201.90", "US", 4_000, ("T", 10))) { Importer = importer };

        var filed = await importerClient.FileEntryAsync(new FileEntryRequest { ImportingCountry = "CN", EntryDate = Day(2019, 10, 15), Lines = { line } });
        var after = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("CN", Day(2019, 10, 15), line));

        // Priced on the book as it was when the entry chose what to lock, without the exclusion: the 3% base
        // and 30% retaliation (25% of 2018 and China's 5% of 2019-09-01) of $4,000.
        Assert.Equal(1_320m, filed.TotalDuty.Dollars());
        Assert.Empty(filed.Lines[0].ExclusionsApplied);
        // The exclusion is granted now, and the entry took nothing of it: all 100 t are left.
        var draw = Assert.Single(after.Lines[0].Components, c => c.Measure == "measures/cn-retaliation").Allowance;
        Assert.Equal((pending.Name, "100"), (draw.Source, draw.Remaining.Quantity.Value.Value));
    }

    /// <summary>The service's store, with a step of the test to run in the next transaction that locks uses, just before it does.</summary>
    private sealed class SteppedBookStore(IBookStore store) : IBookStore
    {
        private Action? beforeLockingUses;

        /// <summary>Runs <paramref name="step"/> once, when the next transaction is about to lock uses.</summary>
        public void OnceBeforeLockingUses(Action step) => beforeLockingUses = step;

        public async Task<IBookTransaction> BeginAsync(CancellationToken cancellationToken) =>
            new SteppedTransaction(await store.BeginAsync(cancellationToken), () => Interlocked.Exchange(ref beforeLockingUses, null)?.Invoke());

        public Task<RecordedRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken) => store.FindRequestAsync(requestId, cancellationToken);

        public Task<BookRevisions> RevisionsAsync(CancellationToken cancellationToken) => store.RevisionsAsync(cancellationToken);

        public Task<(bool Schedule, bool ChinaRates, bool Measures)> LoadedAsync(CancellationToken cancellationToken) => store.LoadedAsync(cancellationToken);

        public Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken) => store.LoadTariffLinesAsync(cancellationToken);

        public Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken) => store.LoadChinaRatesAsync(cancellationToken);

        public Task<IReadOnlyList<MeasureRecord>> LoadMeasuresAsync(CancellationToken cancellationToken) => store.LoadMeasuresAsync(cancellationToken);

        public Task<MeasureRecord?> GetMeasureAsync(string id, CancellationToken cancellationToken) => store.GetMeasureAsync(id, cancellationToken);

        public Task<IReadOnlyList<ExclusionRecord>> LoadExclusionsAsync(CancellationToken cancellationToken) => store.LoadExclusionsAsync(cancellationToken);

        public Task<ExclusionRecord?> GetExclusionAsync(string id, CancellationToken cancellationToken) => store.GetExclusionAsync(id, cancellationToken);

        public Task<IReadOnlyList<AllowanceUse>> LoadUsesAsync(CancellationToken cancellationToken) => store.LoadUsesAsync(cancellationToken);

        public Task<EntryRecord?> GetEntryAsync(string id, CancellationToken cancellationToken) => store.GetEntryAsync(id, cancellationToken);
    }

    private sealed class SteppedTransaction(IBookTransaction transaction, Action beforeLockingUses) : IBookTransaction
    {
        public Task<AllowanceUses> LockUsesAsync(IReadOnlyList<(string Key, string Unit)> allowances, CancellationToken cancellationToken)
        {
            beforeLockingUses();
            return transaction.LockUsesAsync(allowances, cancellationToken);
        }

        public Task<MeasureRecord?> LockMeasureAsync(string id, CancellationToken cancellationToken) => transaction.LockMeasureAsync(id, cancellationToken);

        public Task<bool> InsertAsync(MeasureRecord measure, CancellationToken cancellationToken) => transaction.InsertAsync(measure, cancellationToken);

        public Task SaveAsync(MeasureRecord measure, CancellationToken cancellationToken) => transaction.SaveAsync(measure, cancellationToken);

        public Task<ExclusionRecord?> LockExclusionAsync(string id, CancellationToken cancellationToken) => transaction.LockExclusionAsync(id, cancellationToken);

        public Task InsertAsync(ExclusionRecord exclusion, CancellationToken cancellationToken) => transaction.InsertAsync(exclusion, cancellationToken);

        public Task SaveAsync(ExclusionRecord exclusion, CancellationToken cancellationToken) => transaction.SaveAsync(exclusion, cancellationToken);

        public Task SaveAsync(AllowanceUse use, CancellationToken cancellationToken) => transaction.SaveAsync(use, cancellationToken);

        public Task InsertAsync(EntryRecord entry, CancellationToken cancellationToken) => transaction.InsertAsync(entry, cancellationToken);

        public Task<long> ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
            transaction.ReplaceTariffLinesAsync(lines, cancellationToken);

        public Task ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken) => transaction.ReplaceChinaRatesAsync(rates, cancellationToken);

        public Task<int> FillSpecialRatesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
            transaction.FillSpecialRatesAsync(lines, cancellationToken);

        public Task RecordRequestAsync(RecordedRequest request, CancellationToken cancellationToken) => transaction.RecordRequestAsync(request, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
