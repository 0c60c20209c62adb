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
public sealed record MeasureChange(MeasureChangeKind Kind, MeasureRecord Measure, DateTimeOffset Time);
