using System.Globalization;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>
/// The Entity List rules: a party listed on the ship date needs a licence, unless a licence
/// granted for the items' classification is valid that day or a general licence window of
/// the entity covers it.
/// </summary>
public static class ExportScreening
{
    /// <summary>Screens a shipment to a party that none of its listed names make a listed entity on the ship date.</summary>
    /// <param name="party">How the caller named the party.</param>
    /// <param name="entity">The entity the party is, listed before or after the ship date; null when none.</param>
    /// <param name="shipment">What ships, and when.</param>
    public static ExportCheck NotListed(string party, ListedEntity? entity, Shipment shipment)
    {
        var day = Day(shipment.ShipDate);
        var explanation = entity?.Listing switch
        {
            null => $"No entity on the Entity List goes by the name \"{party}\": no licence is required.",
            var listing when listing.IsRemovedBy(shipment.ShipDate) =>
                $"{listing.DisplayName} was removed from the Entity List on {Day(listing.RemovedOn!.Value)}, by the ship date {day}: no licence is required.",
            var listing =>
                $"{listing.DisplayName} is on the Entity List only from {Day(listing.ListedOn)}, after the ship date {day}: no licence is required.",
        };
        return new ExportCheck(ExportBasis.NotListed, entity, null, null, explanation);
    }

    /// <summary>Screens a shipment to an entity listed on the ship date.</summary>
    /// <param name="entity">The entity, listed on the ship date.</param>
    /// <param name="licenses">Licences for the entity; those that cover the shipment authorize it.</param>
    /// <param name="shipment">What ships, and when.</param>
    public static ExportCheck Listed(ListedEntity entity, IEnumerable<ExportLicense> licenses, Shipment shipment)
    {
        var listing = entity.Listing;
        var listed = $"{listing.DisplayName} is on the Entity List on {Day(shipment.ShipDate)} " +
                     $"(listed {Day(listing.ListedOn)}{Citation(listing)}): a licence is required for {Lower(listing.LicenseRequirement)}, " +
                     $"reviewed under a policy of {Policy(listing.LicensePolicy)}.";
        var license = licenses.FirstOrDefault(l => l.Covers(shipment));
        // Windows may overlap with different activities: the one that authorizes this export, if any, else the first in effect.
        var inEffect = listing.GeneralLicensesOn(shipment.ShipDate);
        var general = inEffect.FirstOrDefault(g => g.Authorizes(shipment.Activity)) ?? (inEffect.Count > 0 ? inEffect[0] : null);
        if (license is not null)
        {
            return new ExportCheck(ExportBasis.AuthorizedByLicense, entity, license, general,
                $"{listed} Licence {license.Name}, granted for {shipment.ExportClassification} from {license.Validity}, authorizes the shipment.");
        }

        if (general is not null && general.Authorizes(shipment.Activity))
        {
            return new ExportCheck(ExportBasis.AuthorizedByGeneralLicense, entity, null, general,
                $"{listed} A general licence, in effect from {general.Validity}, authorizes the shipment for {Describe(shipment.Activity)}, within its scope: {general.Scope}",
                shipment.Activity);
        }

        var unauthorized = general is null
            ? "no general licence covers it"
            : $"the general licence in effect from {general.Validity} authorizes only {string.Join("; ", general.Activities!.Select(Describe))}, not {Describe(shipment.Activity)}";
        return new ExportCheck(ExportBasis.LicenseRequired, entity, null, general,
            $"{listed} No licence granted for {shipment.ExportClassification} is valid on that day, and {unauthorized}.");
    }

    private static string Describe(ExportActivity activity) => activity switch
    {
        ExportActivity.ExistingNetworks => "continued operation of existing networks and equipment",
        ExportActivity.ExistingHandsets => "support for existing handsets",
        ExportActivity.CybersecurityResearch => "cybersecurity research and vulnerability disclosure",
        ExportActivity.Standards5G => "engagement to develop 5G standards",
        _ => "any other purpose, a new sale included",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Citation(EntityListing listing) =>
        listing.FederalRegisterCitation.Length > 0 ? $", {listing.FederalRegisterCitation}" : "";

    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Policy(LicensePolicy policy) => policy switch
    {
        LicensePolicy.PresumptionOfDenial => "presumption of denial",
        LicensePolicy.CaseByCase => "case-by-case review",
        LicensePolicy.PresumptionOfApproval => "presumption of approval",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };
}
