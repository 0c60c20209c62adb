using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates export controls between messages and the domain.</summary>
internal static class ExportControlMapping
{
    public static EntityListing ToListing(this Entity entity) => new(
        entity.DisplayName,
        entity.Country,
        [.. entity.Aliases],
        entity.ListedDate.ToDateOnly("entity.listed_date"),
        entity.RemovedDate?.ToDateOnly("entity.removed_date"),
        entity.LicenseRequirement,
        (Domain.ExportControls.LicensePolicy)entity.LicensePolicy,
        entity.FederalRegisterCitation,
        [.. entity.GeneralLicenses.Select((g, i) => new Domain.ExportControls.GeneralLicense(DateWindow.Between(
            g.StartDate?.ToDateOnly($"entity.general_licenses[{i}].start_date"), g.EndDate?.ToDateOnly($"entity.general_licenses[{i}].end_date"),
            $"GeneralLicenses[{i}]."), g.Scope, [.. g.Activities.Select(a => (Domain.ExportControls.ExportActivity)a)]))]);

    public static LicenseApplication ToApplication(this License license) =>
        new(license.Applicant, ListedEntity.IdOf(license.Entity), license.ExportClassification, license.ItemDescription);

    public static LicenseGrant ToGrant(this GrantLicenseRequest request) =>
        LicenseDecision.Grant(request.StartDate?.ToDateOnly("start_date"), request.EndDate?.ToDateOnly("end_date"), request.Reason);

    public static Application.CheckExport ToQuery(this CheckExportRequest request)
    {
        var shipment = new Shipment(request.ExportClassification, request.ShipDate.ToDateOnly("ship_date"),
            request.Activity == V1.ExportActivity.Unspecified ? Domain.ExportControls.ExportActivity.Other : (Domain.ExportControls.ExportActivity)request.Activity);
        return request.PartyCase == CheckExportRequest.PartyOneofCase.Entity
            ? new Application.CheckExport(request.Entity, null, shipment)
            : new Application.CheckExport(null, request.PartyName, shipment);
    }

    public static Entity ToMessage(this ListedEntity entity)
    {
        var listing = entity.Listing;
        return new Entity
        {
            Name = entity.Name,
            DisplayName = listing.DisplayName,
            Country = listing.Country,
            Aliases = { listing.Aliases },
            ListedDate = listing.ListedOn.ToProtoDate(),
            RemovedDate = listing.RemovedOn?.ToProtoDate(),
            LicenseRequirement = listing.LicenseRequirement,
            LicensePolicy = (V1.LicensePolicy)listing.LicensePolicy,
            FederalRegisterCitation = listing.FederalRegisterCitation,
            GeneralLicenses = { listing.GeneralLicenses.Select(ToMessage) },
        };
    }

    public static License ToMessage(this ExportLicense license) => new()
    {
        Name = license.Name,
        Applicant = license.Application.Applicant,
        Entity = ListedEntity.NameOf(license.Application.EntityId),
        ExportClassification = license.Application.ExportClassification,
        ItemDescription = license.Application.ItemDescription,
        State = (V1.LicenseState)license.State,
        StartDate = license.Validity?.From.ToProtoDate(),
        EndDate = license.Validity?.To.ToProtoDate(),
        DecisionReason = license.DecisionReason,
        CreateTime = Timestamp.FromDateTimeOffset(license.CreateTime),
        DecideTime = license.DecideTime is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
        AppliedBy = license.AppliedBy?.ToMessage(),
        DecidedBy = license.DecidedBy?.ToMessage(),
    };

    public static CheckExportResponse ToMessage(this ExportCheck check) => new()
    {
        LicenseRequired = check.LicenseRequired,
        Authorized = check.Authorized,
        Basis = (V1.ExportBasis)check.Basis,
        Entity = check.Entity?.ToMessage(),
        License = check.License?.ToMessage(),
        GeneralLicense = check.GeneralLicense?.ToMessage(),
        Explanation = check.Explanation,
        AuthorizedActivity = (V1.ExportActivity)(check.AuthorizedActivity ?? 0),
    };

    private static V1.GeneralLicense ToMessage(this Domain.ExportControls.GeneralLicense generalLicense) => new()
    {
        StartDate = generalLicense.Validity.From.ToProtoDate(),
        EndDate = generalLicense.Validity.To.ToProtoDate(),
        Scope = generalLicense.Scope,
        Activities = { (generalLicense.Activities ?? []).Select(a => (V1.ExportActivity)a) },
    };
}
