using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Quotes;

/// <summary>
/// The rates in force for a product on a date and the duty an entry owes: the base rate plus
/// every measure whose scope covers the product, for the country of origin, stacked. Reads one
/// snapshot of the tariff book, and what the filed entries have used of the allowances and quotas
/// the lines draw on.
/// </summary>
public sealed class DutyCalculator(TariffBook book)
{
    private const int MaxRememberedLookups = 100_000;

    /// <summary>The most duty one quote states: an amount of money travels with whole dollars in an int64.</summary>
    public const decimal MaxDutyUsd = long.MaxValue;

    // Lookups without what-if changes, remembered per snapshot of the book: a new snapshot (any
    // change) starts with none, so nothing stale is ever served.
    private readonly ConditionalWeakTable<TariffBookSnapshot, ConcurrentDictionary<RatesAsked, RateLookup>> remembered = new();

    public RateLookup Lookup(string htsCode, string origin, string importingCountry, DateOnly date, DateOnly? exportDate, IReadOnlyList<WhatIf> whatIf)
    {
        var snapshot = book.Current;
        CheckWhatIf(snapshot, whatIf, "WhatIf");
        return RatesFor(snapshot, RememberedFor(snapshot, whatIf), new RatesAsked(htsCode, origin, importingCountry, date, exportDate, ""), whatIf, null);
    }

    /// <summary>What a lookup or a quote line asks rates for, and the key they are remembered by; <c>Program</c> is the preference program claimed, "" for none.</summary>
    private readonly record struct RatesAsked(string HtsCode, string Origin, string ImportingCountry, DateOnly Date, DateOnly? ExportDate, string Program)
    {
        /// <summary>What a line of <paramref name="entry"/> asks rates for.</summary>
        public static RatesAsked Of(EntryInput entry, QuoteLineInput line) =>
            new(line.HtsCode, line.Origin, entry.ImportingCountry, entry.EntryDate, line.ExportDate, line.PreferenceProgram);
    }

    /// <summary>The lookups remembered for <paramref name="snapshot"/>, or null when <paramref name="whatIf"/> changes rates: those are never remembered.</summary>
    private ConcurrentDictionary<RatesAsked, RateLookup>? RememberedFor(TariffBookSnapshot snapshot, IReadOnlyList<WhatIf> whatIf) =>
        whatIf.Count > 0 ? null : remembered.GetValue(snapshot, static _ => new ConcurrentDictionary<RatesAsked, RateLookup>());

    /// <summary>The rates on one code, from <paramref name="lookups"/> when they are remembered; <c>line</c> is the quote line asked about (for an error's field), null for a lookup of its own.</summary>
    private static RateLookup RatesFor(TariffBookSnapshot snapshot, ConcurrentDictionary<RatesAsked, RateLookup>? lookups, RatesAsked asked, IReadOnlyList<WhatIf> whatIf, int? line)
    {
        if (lookups is null)
        {
            return RatesFor(snapshot, asked, whatIf, line);
        }

        if (lookups.TryGetValue(asked, out var known))
        {
            return known;
        }

        var lookup = RatesFor(snapshot, asked, whatIf, line);
        if (lookups.Count < MaxRememberedLookups)
        {
            lookups.TryAdd(asked, lookup);
        }

        return lookup;
    }

    /// <summary>The duty <paramref name="entry"/> owes, drawing on allowances and quotas as <paramref name="uses"/> left them (as the book knows them unless given).</summary>
    public EntryDuty Quote(EntryInput entry, AllowanceUses? uses = null) => Quote(book.Current, entry, "WhatIf", uses ?? book.Uses);

    /// <summary>The duty <paramref name="entry"/> owes on <paramref name="snapshot"/> of the book, drawing on allowances and quotas as <paramref name="uses"/> left them: for quotes that must read the same book.</summary>
    public EntryDuty Quote(TariffBookSnapshot snapshot, EntryInput entry, AllowanceUses uses) => Quote(snapshot, entry, "WhatIf", uses);

    /// <summary>
    /// Every allowance and quota the lines of <paramref name="entry"/> may draw on in <paramref name="snapshot"/>,
    /// however much is left of each, with the unit each counts in: what filing the entry must lock before
    /// it prices, since which of them a line draws on depends on what others have used (a used-up
    /// exclusion passes the line to the next, and the part beyond an exclusion counts against a quota).
    /// </summary>
    public IReadOnlyList<(string Source, string Unit)> SourcesOf(TariffBookSnapshot snapshot, EntryInput entry)
    {
        var sources = new HashSet<(string Source, string Unit)>();
        if (IsDeMinimis(entry))
        {
            // Its lines owe nothing and draw on nothing: it need wait for no other entry.
            return [];
        }

        var lookups = RememberedFor(snapshot, entry.WhatIf);
        for (var i = 0; i < entry.Lines.Count; i++)
        {
            var line = entry.Lines[i];
            foreach (var rate in RatesFor(snapshot, lookups, RatesAsked.Of(entry, line), entry.WhatIf, i).Rates)
            {
                foreach (var exclusion in rate.LimitedExclusions)
                {
                    if (exclusion.For(line.Importer) && exclusion.Allowance is { } allowance)
                    {
                        sources.Add((exclusion.Name, allowance.Unit));
                    }
                }

                if (rate.Quota is { } quota)
                {
                    sources.Add((quota.Key, quota.Period.Quantity.Unit));
                }
            }
        }

        return [.. sources];
    }

    /// <summary>
    /// The entry as things stand (the book with the entry's what-if changes, the baseline) and under
    /// each scenario's changes on top of those, all on one snapshot of the book, so that a change
    /// made meanwhile cannot show in some and not others.
    /// </summary>
    public ScenarioPricing QuoteScenarios(EntryInput entry, IReadOnlyList<Scenario> scenarios)
    {
        var snapshot = book.Current;
        var uses = book.Uses;
        var baselineChanges = entry.WhatIf;
        var baseline = Quote(snapshot, entry, "BaselineChanges", uses);
        var priced = new List<ScenarioDuty>(scenarios.Count);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var own = scenarios[i].Changes;
            // The scenario's changes first: the first change that applies to a measure is the one that counts.
            IReadOnlyList<WhatIf> changes = baselineChanges.Count == 0 ? own : [.. own, .. baselineChanges];
            var duty = Quote(snapshot, entry with { WhatIf = changes }, $"Scenarios[{i}].Changes", uses);
            var measures = own.Select(c => c.MeasureId).Distinct()
                .Select(id => RateChange(snapshot.Measures.Measures[id], entry.EntryDate, baselineChanges, changes)).ToList();
            priced.Add(new ScenarioDuty(scenarios[i].Id, duty.Total, measures));
        }

        return new ScenarioPricing(baseline.Total, baseline.DeMinimis, priced);
    }

    /// <summary>A measure's own rate on <paramref name="date"/> (its scope's phases aside), with the baseline's changes and with the scenario's, by the rule every quote uses.</summary>
    private static MeasureRateChange RateChange(MeasureRecord measure, DateOnly date, IReadOnlyList<WhatIf> baseline, IReadOnlyList<WhatIf> changes)
    {
        var own = new ScopeHit(measure, new ScopeEntry(""));
        return new MeasureRateChange(measure.Id, MeasureRate(own, date, null, baseline)?.Percent ?? 0m, MeasureRate(own, date, null, changes)?.Percent ?? 0m,
            measure.TradeValueUsd);
    }

    private EntryDuty Quote(TariffBookSnapshot snapshot, EntryInput entry, string whatIfField, AllowanceUses uses)
    {
        CheckWhatIf(snapshot, entry.WhatIf, whatIfField);
        var deMinimis = IsDeMinimis(entry);
        var draws = new EntryDraws(uses);
        var lines = new LineDuty[entry.Lines.Count];
        var lookups = RememberedFor(snapshot, entry.WhatIf);
        var duty = 0m;
        // Loops with indexes, and a line's field name only for its error: every quote line runs this.
        for (var i = 0; i < lines.Length; i++)
        {
            var line = entry.Lines[i];
            var lookup = RatesFor(snapshot, lookups, RatesAsked.Of(entry, line), entry.WhatIf, i);
            lines[i] = deMinimis
                ? new LineDuty(line.HtsCode, 0m, [], true, [])
                : Price(lookup, line, i, draws);
            duty += lines[i].Duty;
        }

        return duty <= MaxDutyUsd
            ? new EntryDuty(lines, duty, deMinimis)
            : throw new InvalidInputException("DUTY_OUT_OF_RANGE", new FieldError("Lines",
                string.Create(CultureInfo.InvariantCulture, $"owe {duty:N0} USD of duty, more than one quote can state ({MaxDutyUsd:N0} USD); quote them as smaller entries")));
    }

    private static LineDuty Price(RateLookup lookup, QuoteLineInput line, int index, EntryDraws draws)
    {
        // An array of one part per rate, cut short when an exclusion lifts some: a list around it cost an object per line.
        var parts = new DutyPart[lookup.Rates.Count];
        var count = 0;
        List<string>? exclusions = null;
        // An exclusion that lifts several of the line's measures (China's retaliation and its tranches) is drawn on once for the line.
        Dictionary<string, AllowanceDraw>? drawn = null;
        var duty = 0m;
        for (var r = 0; r < lookup.Rates.Count; r++)
        {
            var rate = lookup.Rates[r];
            if (rate.ExcludedBy.Length > 0)
            {
                Applied(ref exclusions, rate.ExcludedBy);
                continue;
            }

            var (dutiable, draw, quotaDraw, description) = (line.CustomsValue, (AllowanceDraw?)null, (AllowanceDraw?)null, rate.Description);
            if (ExclusionFor(rate, line, draws, drawn) is { } limited)
            {
                if (limited.Allowance is not { } allowance)
                {
                    Applied(ref exclusions, limited.Name);
                    continue;
                }

                // The exclusion covers what is left of its allowance; the part of the line beyond it owes the duty, in proportion to the value.
                if (drawn?.GetValueOrDefault(limited.Name) is not { } once)
                {
                    once = draws.Take(limited.Name, allowance, AmountIn(line, allowance.Unit, limited.Name, index));
                    (drawn ??= []).Add(limited.Name, once);
                    if (once.Drawn > 0)
                    {
                        Applied(ref exclusions, limited.Name);
                    }
                }

                draw = once;

                dutiable = draw.Beyond == 0 ? 0m : line.CustomsValue * draw.Beyond / (draw.Drawn + draw.Beyond);
                description = string.Create(CultureInfo.InvariantCulture,
                    $"{rate.Description}: {draw.Drawn} {draw.Unit} within {limited.Name} ({draw.Remaining} {draw.Unit} left), {draw.Beyond} {draw.Unit} beyond it");

                // Goods an exclusion covers are relieved of an absolute quota too (Proclamation 9777); the part beyond it counts against the quota.
                if (rate.Quota is { } quota && draw.Beyond > 0)
                {
                    quotaDraw = draws.Take(quota.Key, quota.Period.Quantity, PartBeyond(line, draw, quota.Period.Quantity.Unit, quota.Key, index));
                    if (quotaDraw.Beyond > 0)
                    {
                        throw QuotaFilled(quota, quotaDraw);
                    }
                }
            }
            else if (rate.Quota is { } quota)
            {
                draw = draws.Take(quota.Key, quota.Period.Quantity, AmountIn(line, quota.Period.Quantity.Unit, quota.Key, index));
                if (draw.Beyond > 0)
                {
                    throw QuotaFilled(quota, draw);
                }
            }

            var amount = rate.BaseRate is { } baseRate
                ? BaseAmount(baseRate, line, index)
                : Cents(dutiable * rate.Percent!.Value / 100m);
            parts[count++] = new DutyPart(rate.Heading, description, rate.RateText, amount, rate.MeasureId) { Draw = draw, QuotaDraw = quotaDraw };
            duty += amount;
        }

        return new LineDuty(line.HtsCode, duty, count == parts.Length ? parts : parts[..count], false, exclusions is null ? [] : exclusions);
    }

    /// <summary>Notes an exclusion the line used, once however many of its measures it lifted.</summary>
    private static void Applied(ref List<string>? exclusions, string name)
    {
        exclusions ??= [];
        if (!exclusions.Contains(name))
        {
            exclusions.Add(name);
        }
    }

    /// <summary>
    /// The exclusion limited to some importers or to an allowance that lifts this rate's measure from the line, of
    /// those the line's importer may use: one the line already drew on (its measures share one draw), else one
    /// with no allowance, else the first with some of its allowance left, else the first (whose draw then says none is left).
    /// </summary>
    private static ExclusionRecord? ExclusionFor(AppliedRate rate, QuoteLineInput line, EntryDraws draws, Dictionary<string, AllowanceDraw>? drawn)
    {
        ExclusionRecord? first = null;
        ExclusionRecord? withSomeLeft = null;
        for (var e = 0; e < rate.LimitedExclusions.Count; e++)
        {
            var exclusion = rate.LimitedExclusions[e];
            if (!exclusion.For(line.Importer))
            {
                continue;
            }

            if (exclusion.Allowance is not { } allowance || drawn?.ContainsKey(exclusion.Name) == true)
            {
                return exclusion;
            }

            first ??= exclusion;
            if (withSomeLeft is null && draws.Left(exclusion.Name, allowance) > 0)
            {
                withSomeLeft = exclusion;
            }
        }

        return withSomeLeft ?? first;
    }

    /// <summary>What the allowances and quotas of one entry have left, as its lines draw on them in order.</summary>
    private sealed class EntryDraws(AllowanceUses uses)
    {
        private Dictionary<string, decimal>? drawn;

        public decimal Left(string source, Allowance allowance) => Math.Max(0m, allowance.Amount - uses.Used(source) - (drawn?.GetValueOrDefault(source) ?? 0m));

        public AllowanceDraw Take(string source, Allowance allowance, decimal amount)
        {
            var left = Left(source, allowance);
            var taken = Math.Min(amount, left);
            drawn ??= [];
            drawn[source] = drawn.GetValueOrDefault(source) + taken;
            return new AllowanceDraw(source, allowance.Unit, left, taken, amount - taken);
        }
    }

    private static RuleViolationException QuotaFilled(QuotaOn quota, AllowanceDraw draw)
    {
        var (period, unit) = (quota.Period, draw.Unit);
        var left = draw.Remaining.ToString(CultureInfo.InvariantCulture);
        return new RuleViolationException("QUOTA_FILLED", "QUOTA", quota.Key, string.Create(CultureInfo.InvariantCulture,
            $"{draw.Drawn + draw.Beyond} {unit} of goods of {quota.Origin} go beyond the absolute quota {quota.Key}: {left} {unit} left of {period.Quantity.Amount} {unit} for {period.From:yyyy-MM-dd} to {period.Through:yyyy-MM-dd}; further goods of {quota.Origin} cannot be entered for consumption until {period.Through.AddDays(1):yyyy-MM-dd}"))
        {
            Metadata = new Dictionary<string, string> { ["quota"] = quota.Key, ["remaining"] = left, ["unit"] = unit },
        };
    }

    /// <summary>
    /// The line's amount in the unit <paramref name="source"/> is counted in; a line that states none in it
    /// is refused, and so is one of some value that states 0.
    /// </summary>
    private static decimal AmountIn(QuoteLineInput line, string unit, string source, int index)
    {
        var amount = line.AmountIn(unit) ?? throw new InvalidInputException("QUANTITY_MISSING", new FieldError($"{LineField(index)}.Quantities",
            $"{source} is counted in {unit}: add a quantity with unit {unit}"));
        // Goods of some value stated as none of the unit would pass a used-up allowance or a filled quota untouched.
        return amount > 0 || line.CustomsValue == 0
            ? amount
            : throw new InvalidInputException("QUANTITY_ZERO", new FieldError($"{LineField(index)}.Quantities",
                string.Create(CultureInfo.InvariantCulture, $"{source} is counted in {unit}: goods worth {line.CustomsValue} USD cannot count as 0 {unit}; state the quantity entered")));
    }

    /// <summary>True when the whole entry is at or under the de minimis threshold: it owes nothing.</summary>
    private static bool IsDeMinimis(EntryInput entry)
    {
        // Loops with indexes: every quote runs this.
        var total = 0m;
        for (var i = 0; i < entry.Lines.Count; i++)
        {
            total += entry.Lines[i].CustomsValue;
        }

        return total <= DeMinimis.ThresholdUsd(entry.ImportingCountry, entry.EntryDate);
    }

    /// <summary>
    /// The part of the line beyond an exclusion's <paramref name="draw"/>, in <paramref name="unit"/>: the draw's own
    /// amount when its unit converts, else that share of what the line states in the unit, to the nine places a
    /// quantity may state (a share such as a third would otherwise leave a residue that fills a quota it fits).
    /// </summary>
    private static decimal PartBeyond(QuoteLineInput line, AllowanceDraw draw, string unit, string source, int index) =>
        RateUnits.Convert(draw.Beyond, draw.Unit, unit)
        ?? Math.Round(AmountIn(line, unit, source, index) * draw.Beyond / (draw.Drawn + draw.Beyond), 9, MidpointRounding.AwayFromZero);

    private static string CodeField(int? line) => line is { } index ? $"{LineField(index)}.HtsCode" : "HtsCode";

    private static string ProgramField(int? line) => line is { } index ? $"{LineField(index)}.PreferenceProgram" : "PreferenceProgram";

    private static string LineField(int index) => string.Create(CultureInfo.InvariantCulture, $"Lines[{index}]");

    private static decimal BaseAmount(Rate rate, QuoteLineInput line, int index)
    {
        var amount = 0m;
        for (var p = 0; p < rate.Parts.Count; p++)
        {
            amount += rate.Parts[p] switch
            {
                AdValoremPart { Basis: null } adValorem => line.CustomsValue * adValorem.Percent / 100m,
                AdValoremPart adValorem => throw new InvalidInputException("RATE_NEEDS_PART_VALUES", new FieldError($"{LineField(index)}.HtsCode",
                    $"the rate '{rate.Text}' charges {adValorem.Percent.ToString(CultureInfo.InvariantCulture)}% on {adValorem.Basis}; quote that part on a line of its own")),
                SpecificPart specific => specific.DollarsPerUnit * (line.AmountIn(specific.Unit) ?? throw QuantityMissing(specific, rate, index)),
                var part => throw new InvalidOperationException($"Unknown rate part {part}."),
            };
        }

        return Cents(amount);
    }

    private static InvalidInputException QuantityMissing(SpecificPart part, Rate rate, int index)
    {
        var basis = part.Basis is null ? "" : $" ({part.Basis})";
        return new InvalidInputException("QUANTITY_MISSING", new FieldError($"{LineField(index)}.Quantities",
            $"the rate '{rate.Text}' is charged per {part.Unit}{basis}: add a quantity with unit {part.Unit}"));
    }

    /// <summary>The rates <paramref name="asked"/> for, with <paramref name="whatIf"/>; <paramref name="line"/> is the quote line asked about (for an error's field), null for a lookup of its own.</summary>
    private static RateLookup RatesFor(TariffBookSnapshot snapshot, RatesAsked asked, IReadOnlyList<WhatIf> whatIf, int? line)
    {
        var code = Normalize(asked.HtsCode);
        var (importingCountry, date) = (asked.ImportingCountry, asked.Date);
        var rates = new List<AppliedRate>(3);
        string description;
        IReadOnlyList<SpecialRate> specialRates = [];
        if (importingCountry == "US")
        {
            if (code.Length < 8)
            {
                throw new InvalidInputException("HTS_CODE_TOO_SHORT", new FieldError(CodeField(line), "US quotes need an 8- or 10-digit HTS code"));
            }

            var found = snapshot.Schedule.Find(code[..8], date) ?? snapshot.Schedule.Find(code[..8])
                ?? throw new NotFoundException("TARIFF_LINE_NOT_FOUND", $"{TariffLines.CollectionId}/{code[..8]}");
            description = found.Description;
            specialRates = snapshot.Schedule.SpecialRatesOf(found);
            rates.Add(UsBaseRate(snapshot.Schedule, found, specialRates, asked, line));
        }
        else if (asked.Program.Length > 0)
        {
            throw new InvalidInputException("PREFERENCE_NOT_OFFERED", new FieldError(ProgramField(line),
                $"{importingCountry}'s tariff in the book has no preference programs; leave the claim out"));
        }
        else
        {
            var percent = snapshot.China.BaseRate(code[..6], date)
                ?? throw new NotFoundException("HS_CODE_NOT_FOUND", $"{importingCountry} tariff code {code[..6]}");
            description = "";
            var text = PercentText(percent);
            rates.Add(new AppliedRate("", "Base rate (applied before 2018-07-06)", text, "", null, "", new Rate(RateForm.AdValorem, [new AdValoremPart(percent)], text)));
        }

        foreach (var hit in snapshot.Measures.Covering(code, importingCountry, asked.Origin))
        {
            if (MeasureRate(hit, date, asked.ExportDate, whatIf) is not { } inForce)
            {
                continue;
            }

            var treatment = hit.Measure.TreatmentOf(asked.Origin, date);
            if (treatment?.Kind == CountryTreatmentKind.Exempt)
            {
                continue;
            }

            var under = hit.Measure.ExclusionsUnder;
            var covering = snapshot.GrantedExclusions.GetValueOrDefault(under)?.Where(e => e.Covers(under, code, date)).ToArray() ?? [];
            var exclusion = Array.Find(covering, e => !e.Limited);
            var (percent, heading, title) = treatment switch
            {
                { Kind: CountryTreatmentKind.AbsoluteQuota } =>
                    (0m, inForce.Heading, $"{hit.Measure.Title}: within the absolute quota of {asked.Origin}, which the entry counts against ({treatment.Basis})"),
                { Kind: CountryTreatmentKind.Rate, Percent: { } own } when ChangeOf(hit.Measure.Id, date, whatIf) is null =>
                    (own, treatment.Heading.Length > 0 ? treatment.Heading : inForce.Heading, $"{hit.Measure.Title}: {asked.Origin} at its own rate ({treatment.Basis})"),
                _ => (inForce.Percent, inForce.Heading, hit.Measure.Title),
            };
            rates.Add(new AppliedRate(heading, title, PercentText(percent), hit.Measure.Name, percent, exclusion?.Name ?? "", null)
            {
                LimitedExclusions = exclusion is null ? Array.FindAll(covering, e => e.Limited) : [],
                Quota = treatment is { Kind: CountryTreatmentKind.AbsoluteQuota } && treatment.PeriodOn(date) is { } period
                    ? new QuotaOn(period.KeyFor(hit.Measure, asked.Origin), asked.Origin, period)
                    : null,
            });
        }

        return new RateLookup(asked.HtsCode, description, rates) { SpecialRates = specialRates };
    }

    /// <summary>
    /// The base rate of a US line: column 2 for goods of a country without normal trade relations,
    /// the special rate of the program claimed when the claim holds, the general (MFN) rate otherwise.
    /// A claim that does not hold is refused: the general rate is never put in its place unasked.
    /// </summary>
    private static AppliedRate UsBaseRate(TariffSchedule schedule, TariffLineRecord found, IReadOnlyList<SpecialRate> specialRates, RatesAsked asked, int? line)
    {
        var subject = $"{TariffLines.CollectionId}/{found.Hts8}";
        if (asked.Program.Length > 0)
        {
            var (special, description) = Preferences.Claim(asked.Program, asked.Origin, found, specialRates, ProgramField(line));
            return BaseRate(schedule.RateOf(special.RateText), special.RateText, description, subject);
        }

        return Preferences.PaysColumn2(asked.Origin)
            ? BaseRate(schedule.RateOf(found.Column2RateText), found.Column2RateText, $"Column 2 rate (goods of {asked.Origin}: no normal trade relations)", subject)
            : BaseRate(schedule.RateOf(found.MfnRateText), found.MfnRateText, "MFN base rate", subject);
    }

    private static AppliedRate BaseRate(RateParse parse, string text, string description, string subject) =>
        parse.Rate is { } rate
            ? new AppliedRate("", description, text, "", null, "", rate)
            : throw new RuleViolationException("BASE_RATE_NOT_COMPUTABLE", "RATE", subject, $"the base rate '{text}' ({description}) is not computable: {parse.Reason}");

    private static RateInForce? MeasureRate(ScopeHit hit, DateOnly date, DateOnly? exportDate, IReadOnlyList<WhatIf> whatIf)
    {
        var measure = hit.Measure;
        var heading = hit.Entry.Heading.Length > 0 ? hit.Entry.Heading : measure.Heading;
        if (ChangeOf(measure.Id, date, whatIf) is { } change)
        {
            return change.Suspend ? null : new RateInForce(change.Percent!.Value, heading);
        }

        var phases = hit.Entry.Phases ?? measure.Phases;
        var suspendedFrom = measure.SuspendedFrom;
        for (var i = 0; i < whatIf.Count; i++)
        {
            var undo = whatIf[i];
            if (!undo.Undo || undo.MeasureId != measure.Id)
            {
                continue;
            }

            // Taken back exactly as it was made: the phase of that date and rate, the suspension from that date.
            if (undo.Suspend && suspendedFrom == undo.From)
            {
                suspendedFrom = null;
            }
            else if (undo.Percent is { } percent)
            {
                phases = [.. phases.Where(p => p.EffectiveDate != undo.From || p.Percent != percent)];
            }
        }

        return measure.Owed(date, suspendedFrom) ? RatePhases.InForce(phases, date, exportDate, heading) : null;
    }

    /// <summary>The what-if change that sets the measure's rate on <paramref name="date"/>, if any: it holds for every origin the measure charges, over a country's own rate.</summary>
    private static WhatIf? ChangeOf(string measureId, DateOnly date, IReadOnlyList<WhatIf> whatIf)
    {
        for (var i = 0; i < whatIf.Count; i++)
        {
            if (!whatIf[i].Undo && whatIf[i].MeasureId == measureId && whatIf[i].AppliesOn(date))
            {
                return whatIf[i];
            }
        }

        return null;
    }

    /// <summary>Each change names a measure of the book, and a rate from 0 to 1000 percent; <paramref name="field"/> is where the changes are.</summary>
    private static void CheckWhatIf(TariffBookSnapshot snapshot, IReadOnlyList<WhatIf> whatIf, string field)
    {
        // Loops, not LINQ: every quote and lookup runs this, nearly always on no change, and LINQ allocated on none.
        List<FieldError>? wrongRates = null;
        for (var i = 0; i < whatIf.Count; i++)
        {
            if (whatIf[i].Percent is < 0 or > 1000)
            {
                (wrongRates ??= []).Add(new FieldError($"{field}[{i}].SetRatePercent", "must be a percent from 0 to 1000"));
            }
        }

        if (wrongRates is not null)
        {
            throw new InvalidInputException("INVALID_RATE", [.. wrongRates]);
        }

        for (var i = 0; i < whatIf.Count; i++)
        {
            if (!snapshot.Measures.Measures.ContainsKey(whatIf[i].MeasureId))
            {
                throw new NotFoundException("MEASURE_NOT_FOUND", $"{MeasureRecord.CollectionId}/{whatIf[i].MeasureId}");
            }
        }
    }

    private static readonly ConcurrentDictionary<decimal, string> PercentTexts = new();

    // A handful of distinct rates serve every quote: format each once.
    private static string PercentText(decimal percent) =>
        PercentTexts.GetOrAdd(percent, p => $"{p.ToString("0.##########", CultureInfo.InvariantCulture)}%");

    private static string Normalize(string htsCode) => htsCode.Replace(".", "", StringComparison.Ordinal);

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
