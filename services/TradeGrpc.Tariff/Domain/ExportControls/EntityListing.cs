using TradeGrpc.Errors;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>How licence applications for a listed entity are reviewed.</summary>
public enum LicensePolicy
{
    PresumptionOfDenial = 1,
    CaseByCase = 2,
    PresumptionOfApproval = 3,
}

/// <summary>What the Entity List says of a party: who it is, since when it is listed, and what exports to it take.</summary>
public sealed record EntityListing(
    string DisplayName,
    string Country,
    IReadOnlyList<string> Aliases,
    DateOnly ListedOn,
    DateOnly? RemovedOn,
    string LicenseRequirement,
    LicensePolicy LicensePolicy,
    string FederalRegisterCitation,
    IReadOnlyList<GeneralLicense> GeneralLicenses)
{
    /// <summary>On the list on <paramref name="day"/>: the listing took effect and the entity was not removed by then.</summary>
    public bool IsListedOn(DateOnly day) => ListedOn <= day && (RemovedOn is null || day < RemovedOn);

    public bool IsRemovedBy(DateOnly day) => RemovedOn <= day;

    /// <summary>The general licence windows that cover <paramref name="day"/>: windows may overlap, each with activities of its own.</summary>
    public IReadOnlyList<GeneralLicense> GeneralLicensesOn(DateOnly day) => [.. GeneralLicenses.Where(g => g.Validity.Covers(day))];

    /// <summary>Every name the party goes by: the display name, then the aliases.</summary>
    public IEnumerable<string> AllNames() => Aliases.Prepend(DisplayName);

    /// <summary>The listing, if it is not removed before it is listed.</summary>
    public EntityListing Checked() =>
        RemovedOn < ListedOn
            ? throw new InvalidInputException("INVALID_DATE_RANGE", new FieldError("RemovedOn", "must not be before the listing date."))
            : this;
}
