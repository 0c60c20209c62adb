using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates export-control messages to the domain and back; INVALID_ARGUMENT naming the field for dates the proto rules cannot check.</summary>
internal static class ExportControlMessages
{
    /// <param name="entity">The message.</param>
    /// <param name="field">Its path in the request, for error details.</param>
    public static EntityListing ToListing(Entity entity, string field)
    {
        var listedOn = entity.ListedOn.ToDateOnly($"{field}.listed_on");
        var removedOn = entity.RemovedOn?.ToDateOnly($"{field}.removed_on");
        if (removedOn < listedOn)
        {
            throw OutOfOrder($"{field}.removed_on", "listed_on");
        }

        return new EntityListing(
            entity.DisplayName,
            entity.Country,
            [.. entity.Aliases],
            listedOn,
            removedOn,
            entity.LicenseRequirement,
            (Domain.ExportControls.LicensePolicy)entity.LicensePolicy,
            entity.FederalRegisterCitation,
            [.. entity.GeneralLicenses.Select((g, i) =>
                new Domain.ExportControls.GeneralLicense(ToWindow(g.ValidFrom, g.ValidTo, $"{field}.general_licenses[{i}]."), g.Scope))]);
    }

    public static LicenseApplication ToApplication(License license) =>
        new(license.Applicant, ListedEntity.IdOf(license.Entity), license.ExportClassification, license.ItemDescription);

    public static LicenseDecision ToDecision(DecideLicenseRequest request) =>
        request.Grant
            ? new LicenseGrant(ToWindow(request.ValidFrom, request.ValidTo, ""), request.Reason)
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

    /// <summary>The window from <paramref name="from"/> through <paramref name="to"/>; both are required.</summary>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <param name="prefix">The path of the message holding them, with a trailing dot; empty for the request itself.</param>
    private static DateWindow ToWindow(Google.Type.Date? from, Google.Type.Date? to, string prefix)
    {
        var first = (from ?? throw Missing($"{prefix}valid_from")).ToDateOnly($"{prefix}valid_from");
        var last = (to ?? throw Missing($"{prefix}valid_to")).ToDateOnly($"{prefix}valid_to");
        return last < first ? throw OutOfOrder($"{prefix}valid_to", "valid_from") : new DateWindow(first, last);
    }

    private static InvalidRequestException Missing(string field) =>
        new InvalidRequestException("VALIDITY_REQUIRED", new RequestFieldError(field, "is required."));

    private static InvalidRequestException OutOfOrder(string field, string earlierField) =>
        new InvalidRequestException("INVALID_DATE_RANGE", new RequestFieldError(field, $"must not be before {earlierField}."));
}
