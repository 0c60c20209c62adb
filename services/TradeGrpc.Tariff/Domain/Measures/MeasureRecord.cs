namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>The law a measure rests on.</summary>
public enum LegalBasisKind
{
    Section301 = 1,
    Section232 = 2,
    Retaliation = 3,
}

/// <summary>How far a measure has come: proposals and withdrawn measures owe no duty.</summary>
public enum MeasureStage
{
    Proposed,
    Announced,
    Withdrawn,
}

/// <summary>Where a measure stands on a given day.</summary>
public enum MeasureStatus
{
    Proposed = 1,
    Announced = 2,
    InEffect = 3,
    Suspended = 4,
    Withdrawn = 5,
}

/// <summary>Goods exported before one date and entered before another keep the previous phase's rate.</summary>
public sealed record TransitRule(DateOnly ExportedBefore, DateOnly EnteredBefore, string Heading);

/// <summary>A rate that holds from its effective date until the next phase.</summary>
public sealed record RatePhaseRecord(DateOnly EffectiveDate, decimal Percent, string Heading = "", TransitRule? Transit = null);

/// <summary>Products covered: one code and everything under it, or the codes from Code through Through.</summary>
public sealed record ScopeEntry(string Code, string Through = "", string Heading = "", bool CarvedOut = false, IReadOnlyList<RatePhaseRecord>? Phases = null);

/// <summary>An additional duty on products of some origins imported into one country.</summary>
public sealed record MeasureRecord(
    string Id,
    string Title,
    string Description,
    LegalBasisKind LegalBasis,
    string ImportingCountry,
    IReadOnlyList<string> Origins,
    string Heading,
    IReadOnlyList<ScopeEntry> Scope,
    decimal? TradeValueUsd,
    IReadOnlyList<RatePhaseRecord> Phases,
    MeasureStage Stage,
    DateOnly? SuspendedFrom,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version)
{
    public const string CollectionId = "measures";

    // Read on every quote line a measure covers: built once, not per call.
    public string Name { get; } = $"{CollectionId}/{Id}";

    public string Etag => $"\"{Version}\"";

    public bool CoversOrigin(string origin) => Origins.Count == 0 || Origins.Contains(origin);

    /// <summary>Whether duty can be owed under the measure on <paramref name="entryDate"/> (before phases are looked at).</summary>
    public bool Owed(DateOnly entryDate) =>
        Stage == MeasureStage.Announced && (SuspendedFrom is null || entryDate < SuspendedFrom);

    public MeasureStatus StatusOn(DateOnly today) => Stage switch
    {
        MeasureStage.Proposed => MeasureStatus.Proposed,
        MeasureStage.Withdrawn => MeasureStatus.Withdrawn,
        _ when SuspendedFrom <= today => MeasureStatus.Suspended,
        _ when FirstEffectiveDate() <= today => MeasureStatus.InEffect,
        _ => MeasureStatus.Announced,
    };

    /// <summary>The first day any rate of the measure applies: its own first phase, or the earliest phase of a product's own schedule.</summary>
    public DateOnly? FirstEffectiveDate() =>
        Phases.Count > 0
            ? Phases[0].EffectiveDate
            : Scope.Where(e => e.Phases is { Count: > 0 }).Select(e => (DateOnly?)e.Phases![0].EffectiveDate).Min();

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];
}
