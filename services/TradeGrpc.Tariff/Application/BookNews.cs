using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff.Application;

/// <summary>What a committed change did to the tariff book.</summary>
public abstract record BookChange
{
    public sealed record Measure(MeasureChange Change) : BookChange;

    public sealed record Exclusion(ExclusionRecord Record) : BookChange;

    public sealed record Schedule(TariffSchedule Lines, long Revision) : BookChange;

    /// <summary>An entry was filed: what it has used of each allowance or quota it drew on, in all.</summary>
    public sealed record Uses(IReadOnlyList<AllowanceUse> Used) : BookChange;

    /// <summary>Nothing the book holds changed (the Entity List, licences).</summary>
    public sealed record None : BookChange;
}

/// <summary>
/// The one step after every committed change of the tariff book: the change is swapped into this
/// replica's book (a measure change also goes to its watchers), and the other replicas are told,
/// to read it from the shared store. Changes heard from other replicas are swapped in the same
/// way, and never replace a later one.
/// </summary>
public sealed class BookNews(TariffBook book, Broadcaster<MeasureChange> watchers, ReplicaBus bus)
{
    public void Publish(BookChange change)
    {
        switch (change)
        {
            case BookChange.Measure measure:
                Apply(measure.Change);
                bus.Publish(new MeasureChanged { Id = measure.Change.Measure.Id, Kind = (int)measure.Change.Kind }, handleHere: false);
                break;
            case BookChange.Exclusion exclusion:
                Apply(exclusion.Record);
                bus.Publish(new ExclusionChanged { Id = exclusion.Record.Id }, handleHere: false);
                break;
            case BookChange.Schedule schedule:
                Apply(schedule.Lines, schedule.Revision);
                bus.Publish(new ScheduleReplaced(), handleHere: false);
                break;
            case BookChange.Uses { Used.Count: > 0 } uses:
                book.Use(uses.Used);
                bus.Publish(new AllowancesUsed(), handleHere: false);
                break;
        }
    }

    /// <summary>
    /// Swaps a changed measure into the book and tells this replica's watchers, unless the book
    /// holds that version or a later one already (a replica may learn of a change more than once).
    /// </summary>
    public void Apply(MeasureChange change)
    {
        var measure = change.Measure;
        book.TryUpdate(
            snapshot => snapshot.Measures.Held(measure.Id) is { } held && held.Version >= measure.Version ? null : snapshot.WithMeasure(measure),
            () => watchers.Publish(change));
    }

    /// <summary>Swaps an exclusion into the book, unless the book holds it decided and this is the request before the decision.</summary>
    public void Apply(ExclusionRecord exclusion) =>
        book.TryUpdate(snapshot => snapshot.Exclusions.FirstOrDefault(e => e.Id == exclusion.Id) is { DecideTime: not null } && exclusion.DecideTime is null
            ? null
            : snapshot.WithExclusion(exclusion));

    /// <summary>Swaps in the schedule read at <paramref name="revision"/>, unless the book holds a later one.</summary>
    public void Apply(TariffSchedule schedule, long revision) =>
        book.TryUpdate(snapshot => revision > snapshot.ScheduleRevision ? snapshot.WithSchedule(schedule, revision) : null);
}
