using System.Globalization;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Exclusions;

public enum ExclusionStatus
{
    Pending = 1,
    Granted = 2,
    Denied = 3,
}

/// <summary>
/// A product exclusion from a measure. A granted one covers its code and the codes under it, from
/// ValidFrom through ValidTo: for every importer, or only for <see cref="Importer"/>'s lines when it
/// names one, and only up to its <see cref="Allowance"/> in all when it has one.
/// </summary>
public sealed record ExclusionRecord(
    string Id,
    string MeasureId,
    string HtsCode,
    string Requester,
    string ProductDescription,
    ExclusionStatus Status,
    string Heading,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    DateTimeOffset CreateTime,
    DateTimeOffset? DecideTime,
    Actor? RequestedBy = null,
    Actor? DecidedBy = null)
{
    public const string CollectionId = "exclusions";

    public string Name => $"{CollectionId}/{Id}";

    /// <summary>The one importer the exclusion is for (China's market-based exclusions); "" for every importer.</summary>
    public string Importer { get; init; } = "";

    /// <summary>How much the exclusion covers in all, used up by the entries filed under it; null for no limit.</summary>
    public Allowance? Allowance { get; init; }

    /// <summary>Whether it applies to some lines only, or to part of them: such an exclusion is weighed line by line as a quote prices it.</summary>
    public bool Limited => Importer.Length > 0 || Allowance is not null;

    /// <summary>Whether a line that names <paramref name="importer"/> ("" for none) may use it.</summary>
    public bool For(string importer) => Importer.Length == 0 || Importer == importer;

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];

    public bool Covers(string measureId, string code, DateOnly entryDate) =>
        Status == ExclusionStatus.Granted && MeasureId == measureId && code.StartsWith(HtsCode, StringComparison.Ordinal)
        && ValidFrom <= entryDate && entryDate <= ValidTo;

    /// <summary>
    /// A pending request by <paramref name="actor"/> to exclude <paramref name="htsCode"/> (dots
    /// allowed) from <paramref name="measure"/>, for <paramref name="importer"/> only when not "", up
    /// to <paramref name="allowance"/> when not null. A US measure's code has 8 or 10 digits; China's
    /// tariff is kept per 6-digit code.
    /// </summary>
    public static ExclusionRecord Request(string id, MeasureRecord measure, string htsCode, string requester, string description, Actor actor, DateTimeOffset now,
        string importer = "", Allowance? allowance = null)
    {
        var code = htsCode.Replace(".", "", StringComparison.Ordinal);
        if (measure.ImportingCountry == "US" && code.Length < 8)
        {
            throw new InvalidInputException("HTS_CODE_TOO_SHORT", new FieldError("HtsCode", "an exclusion from a US measure names an 8- or 10-digit HTS code"));
        }

        CheckAllowance(allowance);
        return new(id, measure.Id, code, requester, description, ExclusionStatus.Pending, "", null, null, now, null, actor)
        {
            Importer = importer,
            Allowance = allowance,
        };
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may see this exclusion: a decided one is public, a pending
    /// one belongs to its requester's organisation and to those who decide (<paramref name="decides"/>).
    /// </summary>
    public bool VisibleTo(Actor actor, bool decides) => Status != ExclusionStatus.Pending || decides || RequestedBy?.Owner == actor.Owner;

    /// <summary>
    /// Grants (with a heading and a window; the window starts at the measure's first phase unless
    /// given, since exclusions are retroactive) or denies a pending request.
    /// </summary>
    public ExclusionRecord Decide(bool grant, string heading, DateOnly? validFrom, DateOnly? validTo, MeasureRecord? measure, Actor actor, DateTimeOffset now,
        Allowance? allowance = null)
    {
        if (Status != ExclusionStatus.Pending)
        {
            throw new RuleViolationException("EXCLUSION_ALREADY_DECIDED", "STATE", Name,
                $"{Name} is {Status.ToString().ToUpperInvariant()}; only a PENDING request can be decided.");
        }

        if (!grant)
        {
            return this with { Status = ExclusionStatus.Denied, DecideTime = now, DecidedBy = actor };
        }

        if (validTo is null)
        {
            throw new InvalidInputException("VALID_TO_REQUIRED", new FieldError("ValidTo", "a granted exclusion needs the last date it covers"));
        }

        CheckAllowance(allowance);
        CheckWithinRequest(allowance);

        var from = validFrom ?? measure?.FirstEffectiveDate() ?? validTo.Value;
        return from > validTo
            ? throw new InvalidInputException("VALIDITY_OUT_OF_ORDER", new FieldError("ValidTo", $"must not be before the start date {from:yyyy-MM-dd}"))
            : this with
            {
                Status = ExclusionStatus.Granted, DecideTime = now, Heading = heading, ValidFrom = from, ValidTo = validTo, DecidedBy = actor,
                Allowance = allowance ?? Allowance,
            };
    }

    private static void CheckAllowance(Allowance? allowance)
    {
        if (allowance?.Amount <= 0)
        {
            throw new InvalidInputException("ALLOWANCE_EMPTY", new FieldError("Allowance", "an allowance lets in more than nothing; leave it out for no limit"));
        }
    }

    /// <summary>
    /// A grant may limit what the importer asked for, never widen it: an allowance <paramref name="granted"/>
    /// is at most the one requested, counted in its unit (kilograms for tons and tons for kilograms). As
    /// much as was asked grants the request as asked; where none was asked, any limit narrows it.
    /// </summary>
    private void CheckWithinRequest(Allowance? granted)
    {
        if (granted is null || Allowance is not { } asked)
        {
            return;
        }

        if (granted.AmountIn(asked.Unit) is not { } inAskedUnit)
        {
            // The units the request's allowance may be granted in: its own, or either of T and KG for a mass.
            var units = asked.AmountIn(RateUnits.MetricTon) is null ? asked.Unit : $"{RateUnits.MetricTon} or {RateUnits.Kilogram}";
            throw new InvalidInputException("ALLOWANCE_UNIT_MISMATCH", new FieldError("Allowance", string.Create(CultureInfo.InvariantCulture,
                $"the request asked for {asked.Amount} {asked.Unit}, and {granted.Unit} cannot be counted in {asked.Unit}; grant an allowance in {units}, or leave it out to grant what was asked")));
        }

        if (inAskedUnit > asked.Amount)
        {
            throw new InvalidInputException("ALLOWANCE_EXCEEDS_REQUEST", new FieldError("Allowance", string.Create(CultureInfo.InvariantCulture,
                $"{granted.Amount} {granted.Unit} is more than the {asked.Amount} {asked.Unit} the request asked for; a grant may let in that much or less")));
        }
    }
}
