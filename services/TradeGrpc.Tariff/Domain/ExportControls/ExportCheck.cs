namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>Why a shipment may or may not go ahead.</summary>
public enum ExportBasis
{
    NotListed = 1,
    LicenseRequired = 2,
    AuthorizedByLicense = 3,
    AuthorizedByGeneralLicense = 4,
}

/// <summary>
/// The answer to "may these items ship to this party on this day?": the basis, the listed
/// entity, the licence or general licence window that covers the shipment, the activity a general
/// licence authorized it for, and why, in words.
/// </summary>
public sealed record ExportCheck(
    ExportBasis Basis,
    ListedEntity? Entity,
    ExportLicense? License,
    GeneralLicense? GeneralLicense,
    string Explanation,
    ExportActivity? AuthorizedActivity = null)
{
    /// <summary>The party is listed on the ship date, so the shipment needs a licence unless something authorizes it.</summary>
    public bool LicenseRequired => Basis != ExportBasis.NotListed;

    public bool Authorized => Basis != ExportBasis.LicenseRequired;
}
