using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Reads narrowed by who asks: an importer sees its own organisation's pending exclusion requests
/// and every decided exclusion; an exporter sees its own organisation's licences, and only those
/// authorize its exports. The offices that decide see everything.
/// </summary>
[Collection(SharedTariffHost.Name)]
public sealed class OwnershipTests(TariffHostFixture fixture)
{
    private T As<T>(string role, string organisation, Func<global::Grpc.Net.Client.GrpcChannel, T> client) =>
        client(fixture.Host.ChannelAs(TestAuthority.Token($"{role}@{organisation}", [role], organisation)));

    private MeasureService.MeasureServiceClient Measures(string role, string organisation) => As(role, organisation, c => new MeasureService.MeasureServiceClient(c));

    private ExportControlService.ExportControlServiceClient ExportControls(string role, string organisation) =>
        As(role, organisation, c => new ExportControlService.ExportControlServiceClient(c));

    private static RequestExclusionRequest Request(string organisation) => new()
    {
        Exclusion = new Exclusion { Measure = "measures/us-301-list-1", HtsCode = "8504.40.40", Requester = organisation, ProductDescription = "Drives" },
    };

    [Fact]
    public async Task PendingExclusion_IsSeenByItsImporterAndUstrButNotByAnotherImporter()
    {
        var requested = await Measures("importer", "Acme Drives").RequestExclusionAsync(Request("Acme Drives"));

        var rival = Measures("importer", "Other Imports");
        var hidden = await Assert.ThrowsAsync<RpcException>(() => rival.GetExclusionAsync(new GetExclusionRequest { Name = requested.Name }).ResponseAsync);
        var rivalList = await rival.ListExclusionsAsync(new ListExclusionsRequest { Measure = "measures/us-301-list-1", State = ExclusionState.Pending, PageSize = 1000 });
        var ownList = await Measures("importer", "Acme Drives").ListExclusionsAsync(new ListExclusionsRequest { State = ExclusionState.Pending, PageSize = 1000 });
        var ustr = await Measures("ustr", "USTR").GetExclusionAsync(new GetExclusionRequest { Name = requested.Name });

        Assert.Equal((StatusCode.NotFound, "EXCLUSION_NOT_FOUND"), (hidden.StatusCode, hidden.GetErrorInfo()?.Reason));
        Assert.DoesNotContain(requested.Name, rivalList.Exclusions.Select(e => e.Name));
        Assert.Contains(requested.Name, ownList.Exclusions.Select(e => e.Name));
        Assert.Equal(("importer@Acme Drives", "Acme Drives", Identity.V1.CredentialKind.Token),
            (ustr.RequestedBy.Subject, ustr.RequestedBy.Organisation, ustr.RequestedBy.Credential));
    }

    [Fact]
    public async Task DecidedExclusion_IsSeenByAnyImporterWithWhoDecided()
    {
        var requested = await Measures("importer", "Acme Drives").RequestExclusionAsync(Request("Acme Drives"));
        await Measures("ustr", "USTR").DenyExclusionAsync(new DenyExclusionRequest { Name = requested.Name });

        var seen = await Measures("importer", "Other Imports").GetExclusionAsync(new GetExclusionRequest { Name = requested.Name });

        Assert.Equal((ExclusionState.Denied, "ustr@USTR"), (seen.State, seen.DecidedBy.Subject));
    }

    [Fact]
    public async Task License_IsSeenAndCountedOnlyForItsExporter()
    {
        var entity = await ExportControls("bis", "BIS").CreateEntityAsync(new CreateEntityRequest
        {
            Entity = new Entity
            {
                DisplayName = "Ownership Test Optics Ltd.", Country = "CN", ListedDate = Day(2020, 1, 1),
                LicenseRequirement = "All items subject to the EAR", LicensePolicy = LicensePolicy.CaseByCase,
            },
        });
        var license = await ExportControls("exporter", "Acme Exports").ApplyForLicenseAsync(new ApplyForLicenseRequest
        {
            License = new License { Applicant = "Acme Exports", Entity = entity.Name, ExportClassification = "5A002", ItemDescription = "Modules" },
        });
        await ExportControls("bis", "BIS").GrantLicenseAsync(new GrantLicenseRequest
        {
            Name = license.Name, StartDate = Day(2021, 1, 1), EndDate = Day(2021, 12, 31), Reason = "End use reviewed",
        });
        var shipment = new CheckExportRequest { Entity = entity.Name, ExportClassification = "5A002", ShipDate = Day(2021, 6, 1) };

        var rival = ExportControls("exporter", "Other Exports");
        var hidden = await Assert.ThrowsAsync<RpcException>(() => rival.GetLicenseAsync(new GetLicenseRequest { Name = license.Name }).ResponseAsync);
        var rivalList = await rival.ListLicensesAsync(new ListLicensesRequest { Entity = entity.Name });
        var rivalCheck = await rival.CheckExportAsync(shipment);
        var ownCheck = await ExportControls("exporter", "Acme Exports").CheckExportAsync(shipment);
        var seenByBis = await ExportControls("bis", "BIS").GetLicenseAsync(new GetLicenseRequest { Name = license.Name });

        Assert.Equal((StatusCode.NotFound, "LICENSE_NOT_FOUND"), (hidden.StatusCode, hidden.GetErrorInfo()?.Reason));
        Assert.Empty(rivalList.Licenses);
        Assert.Equal((false, ExportBasis.LicenseRequired), (rivalCheck.Authorized, rivalCheck.Basis));
        Assert.Equal((true, ExportBasis.AuthorizedByLicense, license.Name), (ownCheck.Authorized, ownCheck.Basis, ownCheck.License.Name));
        Assert.Equal(("exporter@Acme Exports", "bis@BIS"), (seenByBis.AppliedBy.Subject, seenByBis.DecidedBy.Subject));
    }
}
