using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;
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
            services => services.AddSingleton(sp => SteppedBookStore.Over(ActivatorUtilities.CreateInstance<BookStore>(sp)))));
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
        ((SteppedBookStore)(object)host.Services.GetRequiredService<IBookStore>()).OnceBeforeLockingUses(() => host.Services.GetRequiredService<BookNews>()
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
    public class SteppedBookStore : DispatchProxy
    {
        private IBookStore store = null!;
        private Action? beforeLockingUses;

        public static IBookStore Over(IBookStore store)
        {
            var proxy = Create<IBookStore, SteppedBookStore>();
            ((SteppedBookStore)(object)proxy).store = store;
            return proxy;
        }

        /// <summary>Runs <paramref name="step"/> once, when the next transaction is about to lock uses.</summary>
        public void OnceBeforeLockingUses(Action step) => beforeLockingUses = step;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IBookStore.BeginAsync)
                ? SteppedAsync((Task<IBookTransaction>)Forward(store, targetMethod, args)!)
                : Forward(store, targetMethod, args);

        private async Task<IBookTransaction> SteppedAsync(Task<IBookTransaction> begun) =>
            SteppedTransaction.Over(await begun, () => Interlocked.Exchange(ref beforeLockingUses, null)?.Invoke());
    }

    /// <summary>A transaction that runs a step just before it locks uses.</summary>
    public class SteppedTransaction : DispatchProxy
    {
        private IBookTransaction transaction = null!;
        private Action beforeLockingUses = null!;

        public static IBookTransaction Over(IBookTransaction transaction, Action beforeLockingUses)
        {
            var proxy = Create<IBookTransaction, SteppedTransaction>();
            (((SteppedTransaction)(object)proxy).transaction, ((SteppedTransaction)(object)proxy).beforeLockingUses) = (transaction, beforeLockingUses);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IBookTransaction.LockUsesAsync))
            {
                beforeLockingUses();
            }

            return Forward(transaction, targetMethod, args);
        }
    }

    /// <summary>Calls <paramref name="method"/> on <paramref name="target"/>, throwing what it throws rather than reflection's wrapper.</summary>
    private static object? Forward(object target, MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException invoked) when (invoked.InnerException is { } thrown)
        {
            ExceptionDispatchInfo.Throw(thrown);
            throw;
        }
    }
}
