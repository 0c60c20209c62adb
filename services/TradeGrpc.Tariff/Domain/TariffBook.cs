using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Domain;

/// <summary>Everything a quote reads, as one immutable value.</summary>
public sealed record TariffBookSnapshot(
    TariffSchedule Schedule,
    MeasureIndex Measures,
    IReadOnlyList<ExclusionRecord> Exclusions,
    IReadOnlyDictionary<string, ExclusionRecord[]> GrantedExclusions,
    ChinaTariffs China)
{
    public static TariffBookSnapshot Empty { get; } = new(TariffSchedule.Empty, MeasureIndex.Empty, [], new Dictionary<string, ExclusionRecord[]>(), ChinaTariffs.Empty);

    /// <summary>The store's count of schedule replacements the schedule was read at: an older one never replaces a newer.</summary>
    public long ScheduleRevision { get; init; }

    /// <summary>The book on <paramref name="schedule"/> of <paramref name="revision"/>, with the measures indexed over its codes.</summary>
    public TariffBookSnapshot WithSchedule(TariffSchedule schedule, long revision) =>
        this with
        {
            Schedule = schedule,
            ScheduleRevision = revision,
            Measures = new MeasureIndex(Measures.AllHeld, schedule.Codes),
        };

    /// <summary>The book with <paramref name="measure"/> in place of the version it holds, re-indexing that measure only.</summary>
    public TariffBookSnapshot WithMeasure(MeasureRecord measure) => this with { Measures = Measures.With(measure) };

    /// <summary>
    /// The book with <paramref name="exclusion"/> in place of the version it holds, or added, in the
    /// order they were requested (after any requested at the same time). Only the exclusion's
    /// measure has its granted ones gathered again: every request for an exclusion comes through
    /// here, and sorting and grouping all of them each time cost milliseconds once thousands were held.
    /// </summary>
    public TariffBookSnapshot WithExclusion(ExclusionRecord exclusion)
    {
        var exclusions = new List<ExclusionRecord>(Exclusions.Count + 1);
        foreach (var held in Exclusions)
        {
            if (held.Id != exclusion.Id)
            {
                exclusions.Add(held);
            }
        }

        var at = exclusions.Count;
        while (at > 0 && exclusions[at - 1].CreateTime > exclusion.CreateTime)
        {
            at--;
        }

        exclusions.Insert(at, exclusion);
        var granted = new Dictionary<string, ExclusionRecord[]>(GrantedExclusions);
        var ofMeasure = exclusions.Where(e => e.MeasureId == exclusion.MeasureId && e.Status == ExclusionStatus.Granted).ToArray();
        if (ofMeasure.Length > 0)
        {
            granted[exclusion.MeasureId] = ofMeasure;
        }
        else
        {
            granted.Remove(exclusion.MeasureId);
        }

        return this with { Exclusions = exclusions, GrantedExclusions = granted };
    }

    /// <summary>The book with <paramref name="exclusions"/>, in the order they were requested.</summary>
    public TariffBookSnapshot WithExclusions(IReadOnlyList<ExclusionRecord> exclusions) =>
        this with
        {
            Exclusions = exclusions,
            GrantedExclusions = exclusions.Where(e => e.Status == ExclusionStatus.Granted)
                .GroupBy(e => e.MeasureId)
                .ToDictionary(g => g.Key, g => g.ToArray()),
        };
}

/// <summary>
/// The rate book in force, held in memory: quotes read the current snapshot without locks or
/// store queries; a change builds the next snapshot and swaps it in atomically.
/// </summary>
public sealed class TariffBook
{
    private readonly Lock writer = new();
    private volatile TariffBookSnapshot current = TariffBookSnapshot.Empty;
    private volatile AllowanceUses uses = AllowanceUses.None;

    public TariffBookSnapshot Current => current;

    /// <summary>What the filed entries have used of each allowance and quota, as far as this replica has heard.</summary>
    public AllowanceUses Uses => uses;

    /// <summary>Takes in <paramref name="newer"/> uses; of two readings of one use, the later stays, whichever arrives last.</summary>
    public void Use(IEnumerable<AllowanceUse> newer)
    {
        lock (writer)
        {
            uses = uses.With(newer);
        }
    }

    public TariffSchedule Schedule => current.Schedule;

    public void Update(Func<TariffBookSnapshot, TariffBookSnapshot> change) => TryUpdate(change);

    /// <summary>
    /// Swaps in what <paramref name="change"/> makes of the current snapshot, unless it makes null,
    /// then calls <paramref name="swapped"/> before the next change can start (so that what it
    /// announces goes out in the order of the swaps); whether it swapped. The next snapshot is
    /// built outside the lock, so that indexing a large change holds up no other: if another
    /// change was swapped in meanwhile, it is built again on that one.
    /// </summary>
    public bool TryUpdate(Func<TariffBookSnapshot, TariffBookSnapshot?> change, Action? swapped = null)
    {
        while (true)
        {
            var basis = current;
            if (change(basis) is not { } next)
            {
                return false;
            }

            lock (writer)
            {
                if (ReferenceEquals(current, basis))
                {
                    current = next;
                    swapped?.Invoke();
                    return true;
                }
            }
        }
    }
}
