namespace TradeGrpc.Tariff.Domain.Measures;

public enum MeasureChangeKind
{
    Created = 1,
    Updated = 2,
    PhaseScheduled = 3,
    Suspended = 4,
    Withdrawn = 5,
}

/// <summary>A change to a measure, as watchers receive it.</summary>
public sealed record MeasureChange(MeasureChangeKind Kind, MeasureRecord Measure, DateTimeOffset Time)
{
    /// <summary>
    /// The change from <paramref name="held"/> (null: none) to <paramref name="stored"/> read from
    /// the difference, for changes found rather than told: several in between read as one.
    /// </summary>
    public static MeasureChangeKind KindBetween(MeasureRecord? held, MeasureRecord stored) => held switch
    {
        null => MeasureChangeKind.Created,
        _ when stored.Stage == MeasureStage.Withdrawn && held.Stage != MeasureStage.Withdrawn => MeasureChangeKind.Withdrawn,
        _ when stored.SuspendedFrom is not null && held.SuspendedFrom is null => MeasureChangeKind.Suspended,
        _ when !stored.Phases.SequenceEqual(held.Phases) => MeasureChangeKind.PhaseScheduled,
        _ => MeasureChangeKind.Updated,
    };
}
