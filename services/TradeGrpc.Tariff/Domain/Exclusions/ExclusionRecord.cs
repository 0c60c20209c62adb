using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Domain.Exclusions;

public enum ExclusionStatus
{
    Pending = 1,
    Granted = 2,
    Denied = 3,
}

/// <summary>A product exclusion from a measure. A granted one covers its code and the codes under it, from ValidFrom through ValidTo.</summary>
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

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];

    public bool Covers(string measureId, string code, DateOnly entryDate) =>
        Status == ExclusionStatus.Granted && MeasureId == measureId && code.StartsWith(HtsCode, StringComparison.Ordinal)
        && ValidFrom <= entryDate && entryDate <= ValidTo;

    /// <summary>A pending request by <paramref name="actor"/> to exclude <paramref name="htsCode"/> (dots allowed) from <paramref name="measure"/>.</summary>
    public static ExclusionRecord Request(string id, MeasureRecord measure, string htsCode, string requester, string description, Actor actor, DateTimeOffset now) =>
        new(id, measure.Id, htsCode.Replace(".", "", StringComparison.Ordinal), requester, description, ExclusionStatus.Pending, "", null, null, now, null, actor);

    /// <summary>
    /// Whether <paramref name="actor"/> may see this exclusion: a decided one is public, a pending
    /// one belongs to its requester's organisation and to those who decide (<paramref name="decides"/>).
    /// </summary>
    public bool VisibleTo(Actor actor, bool decides) => Status != ExclusionStatus.Pending || decides || RequestedBy?.Owner == actor.Owner;

    /// <summary>
    /// Grants (with a heading and a window; the window starts at the measure's first phase unless
    /// given, since exclusions are retroactive) or denies a pending request.
    /// </summary>
    public ExclusionRecord Decide(bool grant, string heading, DateOnly? validFrom, DateOnly? validTo, MeasureRecord? measure, Actor actor, DateTimeOffset now)
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

        var from = validFrom ?? measure?.FirstEffectiveDate() ?? validTo.Value;
        return from > validTo
            ? throw new InvalidInputException("VALIDITY_OUT_OF_ORDER", new FieldError("ValidTo", $"must not be before the start date {from:yyyy-MM-dd}"))
            : this with { Status = ExclusionStatus.Granted, DecideTime = now, Heading = heading, ValidFrom = from, ValidTo = validTo, DecidedBy = actor };
    }
}
