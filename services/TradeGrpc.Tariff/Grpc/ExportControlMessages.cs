using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates export-control messages to the domain and back.</summary>
internal static class ExportControlMessages
{
    public static EntityListing ToListing(Entity entity) => new(
        entity.DisplayName,
        entity.Country,
        [.. entity.Aliases],
        entity.ListedOn.ToDateOnly("entity.listed_on"),
        entity.RemovedOn?.ToDateOnly("entity.removed_on"),
        entity.LicenseRequirement,
        (Domain.ExportControls.LicensePolicy)entity.LicensePolicy,
        entity.FederalRegisterCitation,
        [.. entity.GeneralLicenses.Select((g, i) => new Domain.ExportControls.GeneralLicense(DateWindow.Between(
            g.ValidFrom?.ToDateOnly($"entity.general_licenses[{i}].valid_from"), g.ValidTo?.ToDateOnly($"entity.general_licenses[{i}].valid_to"),
            $"GeneralLicenses[{i}]."), g.Scope))]);

    public static LicenseApplication ToApplication(License license) =>
        new(license.Applicant, ListedEntity.IdOf(license.Entity), license.ExportClassification, license.ItemDescription);

    public static LicenseDecision ToDecision(DecideLicenseRequest request) =>
        request.Grant
            ? LicenseDecision.Grant(request.ValidFrom?.ToDateOnly("valid_from"), request.ValidTo?.ToDateOnly("valid_to"), request.Reason)
            : new LicenseDenial(request.Reason);

    public static Entity ToEntity(ListedEntity entity)
    {
        var listing = entity.Listing;
        return new Entity
        {
            Name = entity.Name,
            DisplayName = listing.DisplayName,
            Country = listing.Country,
            Aliases = { listing.Aliases },
            ListedOn = listing.ListedOn.ToProtoDate(),
            RemovedOn = listing.RemovedOn?.ToProtoDate(),
            LicenseRequirement = listing.LicenseRequirement,
            LicensePolicy = (V1.LicensePolicy)listing.LicensePolicy,
            FederalRegisterCitation = listing.FederalRegisterCitation,
            GeneralLicenses = { listing.GeneralLicenses.Select(ToGeneralLicense) },
        };
    }

    public static License ToLicense(ExportLicense license) => new()
    {
        Name = license.Name,
        Applicant = license.Application.Applicant,
        Entity = ListedEntity.NameOf(license.Application.EntityId),
        ExportClassification = license.Application.ExportClassification,
        ItemDescription = license.Application.ItemDescription,
        State = (V1.LicenseState)license.State,
        ValidFrom = license.Validity?.From.ToProtoDate(),
        ValidTo = license.Validity?.To.ToProtoDate(),
        DecisionReason = license.DecisionReason,
        CreateTime = Timestamp.FromDateTimeOffset(license.CreateTime),
        DecideTime = license.DecideTime is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
    };

    public static CheckExportResponse ToResponse(ExportCheck check) => new()
    {
        LicenseRequired = check.LicenseRequired,
        Authorized = check.Authorized,
        Basis = (V1.ExportBasis)check.Basis,
        Entity = check.Entity is null ? null : ToEntity(check.Entity),
        License = check.License is null ? null : ToLicense(check.License),
        GeneralLicense = check.GeneralLicense is null ? null : ToGeneralLicense(check.GeneralLicense),
        Explanation = check.Explanation,
    };

    private static V1.GeneralLicense ToGeneralLicense(Domain.ExportControls.GeneralLicense generalLicense) => new()
    {
        ValidFrom = generalLicense.Validity.From.ToProtoDate(),
        ValidTo = generalLicense.Validity.To.ToProtoDate(),
        Scope = generalLicense.Scope,
    };
}
