using TradeGrpc.Errors;
using TradeGrpc.Identity;

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
/// <summary>A rate from a date; <paramref name="PublishedBy"/> is who scheduled it (unknown for phases scheduled before actors were).</summary>
public sealed record RatePhaseRecord(DateOnly EffectiveDate, decimal Percent, string Heading = "", TransitRule? Transit = null, Actor? PublishedBy = null);

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
    long Version,
    Actor? ChangedBy = null)
{
    public const string CollectionId = "measures";

    // Read on every quote line a measure covers: built once, not per call.
    public string Name { get; } = $"{CollectionId}/{Id}";

    public string Etag => $"\"{Version}\"";

    /// <summary>How goods of some origins are treated instead of at the measure's rate, for a while (Section 232's exemptions, quotas, Turkey's 50%).</summary>
    public IReadOnlyList<CountryTreatment> CountryTreatments { get; init; } = [];

    /// <summary>The id of the measure whose exclusions also exclude from this one (China's tranches of 2019 are part of its retaliation); empty for its own only.</summary>
    public string ExcludedWith { get; init; } = "";

    /// <summary>The id exclusions from this measure are granted under: its own, or the measure it is excluded with.</summary>
    public string ExclusionsUnder => ExcludedWith.Length > 0 ? ExcludedWith : Id;

    public bool CoversOrigin(string origin) => Origins.Count == 0 || Origins.Contains(origin);

    /// <summary>The treatment of goods of <paramref name="origin"/> entered on <paramref name="entryDate"/>, if any: the first that covers them.</summary>
    public CountryTreatment? TreatmentOf(string origin, DateOnly entryDate)
    {
        for (var i = 0; i < CountryTreatments.Count; i++)
        {
            if (CountryTreatments[i].Covers(origin, entryDate))
            {
                return CountryTreatments[i];
            }
        }

        return null;
    }

    /// <summary>Whether duty can be owed under the measure on <paramref name="entryDate"/> (before phases are looked at).</summary>
    public bool Owed(DateOnly entryDate) => Owed(entryDate, SuspendedFrom);

    /// <summary>Whether duty could be owed on <paramref name="entryDate"/> were the measure suspended from <paramref name="suspendedFrom"/> (null: not at all).</summary>
    public bool Owed(DateOnly entryDate, DateOnly? suspendedFrom) =>
        Stage == MeasureStage.Announced && (suspendedFrom is null || entryDate < suspendedFrom);

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

    /// <summary>
    /// A new measure from <paramref name="draft"/> (its id, what it covers, its phases): it names its
    /// title, importing country and legal basis, and every rate is a percent from 0 to 1000. It
    /// starts proposed (no duty until a phase is scheduled) or announced.
    /// </summary>
    public static MeasureRecord Create(MeasureRecord draft, bool proposed, DateTimeOffset now)
    {
        Require(draft.Title.Length > 0, "Title", "a measure needs a title");
        Require(draft.ImportingCountry.Length > 0, "ImportingCountry", "a measure needs the importing country");
        Require(Enum.IsDefined(draft.LegalBasis), "LegalBasis", "a measure needs its legal basis");
        CheckRates(draft.Phases, "Phases");
        CheckScope(draft.Scope);
        CheckTreatments(draft.CountryTreatments);
        return draft with
        {
            Phases = RatePhases.Sorted(draft.Phases),
            Stage = proposed ? MeasureStage.Proposed : MeasureStage.Announced,
            SuspendedFrom = null,
            CreateTime = now,
            UpdateTime = now,
            Version = 1,
        };
    }

    /// <summary>The measure with <paramref name="edit"/> made to it, if <paramref name="etag"/> is empty or current.</summary>
    public MeasureRecord Update(string etag, Func<MeasureRecord, MeasureRecord> edit, DateTimeOffset now)
    {
        if (etag.Length > 0 && etag != Etag)
        {
            throw new ConflictException("ETAG_MISMATCH", Name, $"{Name} changed since etag {etag}; read it again (etag {Etag}).");
        }

        var edited = edit(this);
        CheckScope(edited.Scope);
        CheckTreatments(edited.CountryTreatments);
        return Next(edited, now);
    }

    /// <summary>
    /// Adds a rate phase, or replaces the one on the same date; the measure is announced from then on.
    /// The same phase scheduled again (as a concession carried out twice, or one the book already
    /// holds) changes nothing: the measure itself comes back.
    /// </summary>
    public MeasureRecord SchedulePhase(RatePhaseRecord phase, DateTimeOffset now)
    {
        CheckRates([phase], "");
        RequireNotWithdrawn("schedule a rate phase");
        if (Stage == MeasureStage.Announced && Phases.Any(p => p with { PublishedBy = null } == phase with { PublishedBy = null }))
        {
            return this;
        }

        return Next(this with
        {
            Stage = MeasureStage.Announced,
            Phases = RatePhases.Sorted(Phases.Where(p => p.EffectiveDate != phase.EffectiveDate).Append(phase)),
        }, now);
    }

    /// <summary>
    /// Suspends the duty for entries from <paramref name="from"/>; a measure is suspended once. Suspending
    /// it again from the same date changes nothing (the measure itself comes back); from another date fails.
    /// </summary>
    public MeasureRecord Suspend(DateOnly from, DateTimeOffset now)
    {
        RequireNotWithdrawn("suspend it");
        if (SuspendedFrom == from)
        {
            return this;
        }

        return SuspendedFrom is { } already
            ? throw new RuleViolationException("MEASURE_ALREADY_SUSPENDED", "STATE", Name, $"{Name} is suspended from {already:yyyy-MM-dd} already.")
            : Next(this with { SuspendedFrom = from }, now);
    }

    /// <summary>Withdraws the measure: no duty under it on any date.</summary>
    public MeasureRecord Withdraw(DateTimeOffset now)
    {
        RequireNotWithdrawn("withdraw it");
        return Next(this with { Stage = MeasureStage.Withdrawn }, now);
    }

    private MeasureRecord Next(MeasureRecord changed, DateTimeOffset now) => changed with { UpdateTime = now, Version = Version + 1 };

    private void RequireNotWithdrawn(string action)
    {
        if (Stage == MeasureStage.Withdrawn)
        {
            throw new RuleViolationException("MEASURE_WITHDRAWN", "STATE", Name, $"{Name} is withdrawn; cannot {action}.");
        }
    }

    private static void CheckScope(IReadOnlyList<ScopeEntry> scope)
    {
        for (var i = 0; i < scope.Count; i++)
        {
            CheckRates(scope[i].Phases ?? [], $"Scope[{i}].Phases");
        }
    }

    /// <summary>Every rate a percent from 0 to 1000; <paramref name="field"/> is where the phases are, empty for one phase on its own.</summary>
    private static void CheckRates(IReadOnlyList<RatePhaseRecord> phases, string field)
    {
        var wrong = phases.Select((p, i) => (p, i)).Where(x => x.p.Percent is < 0 or > 1000)
            .Select(x => new FieldError(field.Length > 0 ? $"{field}[{x.i}].Percent" : "Percent", "must be a percent from 0 to 1000"))
            .ToArray();
        if (wrong.Length > 0)
        {
            throw new InvalidInputException("INVALID_RATE", wrong);
        }
    }

    /// <summary>Each treatment names its origins and runs forward; a rate of its own, from 0 to 1000 percent, only when it is one.</summary>
    private static void CheckTreatments(IReadOnlyList<CountryTreatment> treatments)
    {
        var wrong = new List<FieldError>();
        for (var i = 0; i < treatments.Count; i++)
        {
            var (treatment, field) = (treatments[i], $"CountryTreatments[{i}]");
            if (treatment.Origins.Count == 0)
            {
                wrong.Add(new FieldError($"{field}.Origins", "name at least one country of origin"));
            }

            if (treatment.Through < treatment.From)
            {
                wrong.Add(new FieldError($"{field}.Through", "must not be before the start date"));
            }

            if (!Enum.IsDefined(treatment.Kind))
            {
                wrong.Add(new FieldError($"{field}.Kind", "must be EXEMPT, ABSOLUTE_QUOTA or RATE"));
            }
            else if ((treatment.Kind == CountryTreatmentKind.Rate) != treatment.Percent is not null || treatment.Percent is < 0 or > 1000)
            {
                wrong.Add(new FieldError($"{field}.Percent", "a RATE treatment needs a percent from 0 to 1000, and only a RATE treatment has one"));
            }

            CheckQuotaPeriods(treatment, field, wrong);
        }

        if (wrong.Count > 0)
        {
            throw new InvalidInputException("INVALID_COUNTRY_TREATMENT", [.. wrong]);
        }
    }

    /// <summary>Only an absolute quota has periods; each runs forward, after the one before it, and lets in more than nothing.</summary>
    private static void CheckQuotaPeriods(CountryTreatment treatment, string field, List<FieldError> wrong)
    {
        if (treatment.QuotaPeriods.Count > 0 && treatment.Kind != CountryTreatmentKind.AbsoluteQuota)
        {
            wrong.Add(new FieldError($"{field}.QuotaPeriods", "only an ABSOLUTE_QUOTA treatment has quota periods"));
            return;
        }

        for (var p = 0; p < treatment.QuotaPeriods.Count; p++)
        {
            var period = treatment.QuotaPeriods[p];
            if (period.Through < period.From || (p > 0 && period.From <= treatment.QuotaPeriods[p - 1].Through))
            {
                wrong.Add(new FieldError($"{field}.QuotaPeriods[{p}].Through", "periods run forward, each after the one before it"));
            }

            if (period.Quantity.Amount <= 0)
            {
                wrong.Add(new FieldError($"{field}.QuotaPeriods[{p}].Quantity", "a period lets in more than nothing"));
            }
        }
    }

    private static void Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            throw new InvalidInputException("MISSING_FIELD", new FieldError(field, description));
        }
    }
}
