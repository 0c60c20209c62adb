using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Run on each store provider (see ProviderRuns).</summary>
public abstract class ExportControlApiTests(TariffHostFixture fixture)
{
    private const string Huawei = "Huawei Technologies Co., Ltd.";

    private readonly ExportControlService.ExportControlServiceClient exportControls = fixture.ExportControls;

    private static CheckExportRequest ShipToParty(string party, string classification, Google.Type.Date shipDate) =>
        new() { PartyName = party, ExportClassification = classification, ShipDate = shipDate };

    private static CheckExportRequest ShipToEntity(string entity, string classification, Google.Type.Date shipDate) =>
        new() { Entity = entity, ExportClassification = classification, ShipDate = shipDate };

    /// <summary>A listed entity of its own, with no general licence, so that a test's licences touch no other test.</summary>
    private async Task<Entity> CreateEntityAsync(string requestId = "") => await exportControls.CreateEntityAsync(new CreateEntityRequest
    {
        Entity = new Entity
        {
            DisplayName = $"Example Components {Guid.NewGuid():N}",
            Country = "CN",
            ListedDate = Day(2020, 1, 1),
            LicenseRequirement = "All items subject to the EAR",
            LicensePolicy = LicensePolicy.CaseByCase,
            FederalRegisterCitation = "85 FR 0000",
        },
        RequestId = requestId,
    });

    private static ApplyForLicenseRequest Application(Entity entity, string classification = "5A002", string requestId = "") => new()
    {
        License = new License
        {
            Applicant = "Example Exporter Inc.",
            Entity = entity.Name,
            ExportClassification = classification,
            ItemDescription = "Network encryption modules",
        },
        RequestId = requestId,
    };

    private static GrantLicenseRequest Grant(License license, Google.Type.Date from, Google.Type.Date to) => new()
    {
        Name = license.Name,
        StartDate = from,
        EndDate = to,
        Reason = "End use reviewed",
    };

    [Fact]
    public async Task CheckExport_HuaweiTheDayBeforeItWasListed_NeedsNoLicense()
    {
        var check = await exportControls.CheckExportAsync(ShipToParty(Huawei, "5A002", Day(2019, 5, 15)));

        Assert.Equal(ExportBasis.NotListed, check.Basis);
        Assert.False(check.LicenseRequired);
        Assert.True(check.Authorized);
        Assert.Equal(Huawei, check.Entity.DisplayName);
        Assert.Contains("2019-05-16", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExport_HuaweiNetworkSupportWhileTheTemporaryGeneralLicenseRan_IsAuthorizedByIt()
    {
        var request = ShipToParty(Huawei, "5A002", Day(2019, 6, 1));
        request.Activity = ExportActivity.ExistingNetworks;

        var check = await exportControls.CheckExportAsync(request);

        Assert.Equal(ExportBasis.AuthorizedByGeneralLicense, check.Basis);
        Assert.True(check.LicenseRequired);
        Assert.True(check.Authorized);
        Assert.Equal(Day(2019, 5, 20), check.GeneralLicense.StartDate);
        Assert.Equal(ExportActivity.ExistingNetworks, check.AuthorizedActivity);
        Assert.Null(check.License);
    }

    [Theory]
    [InlineData(ExportActivity.Unspecified)]
    [InlineData(ExportActivity.Other)]
    public async Task CheckExport_HuaweiNewSaleWhileTheTemporaryGeneralLicenseRan_NeedsALicense(ExportActivity activity)
    {
        // The licence covered four activities only (continued networks, existing handsets,
        // cybersecurity research, 5G standards), never a new sale: 5A002 items shipped on
        // 2019-09-01, in its second window (2019-08-20 to 2019-11-18), still need a licence.
        var request = ShipToParty(Huawei, "5A002", Day(2019, 9, 1));
        request.Activity = activity;

        var check = await exportControls.CheckExportAsync(request);

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.False(check.Authorized);
        Assert.Equal((Day(2019, 8, 20), Day(2019, 11, 18)), (check.GeneralLicense.StartDate, check.GeneralLicense.EndDate));
        Assert.Equal([ExportActivity.ExistingNetworks, ExportActivity.ExistingHandsets, ExportActivity.CybersecurityResearch, ExportActivity.Standards5G],
            check.GeneralLicense.Activities);
        Assert.Equal(ExportActivity.Unspecified, check.AuthorizedActivity);
        Assert.Contains("authorizes only", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExport_HuaweiAfterGeneralLicenseExpired_NeedsALicense()
    {
        var check = await exportControls.CheckExportAsync(ShipToParty(Huawei, "EAR99", Day(2020, 9, 1)));

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.True(check.LicenseRequired);
        Assert.False(check.Authorized);
        Assert.Equal(LicensePolicy.PresumptionOfDenial, check.Entity.LicensePolicy);
        Assert.Null(check.GeneralLicense);
        Assert.Contains("84 FR 22961", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExport_HuaweiOnTheLastDayOfTheGeneralLicense_IsStillAuthorized()
    {
        var request = ShipToParty(Huawei, "EAR99", Day(2020, 8, 13));
        request.Activity = ExportActivity.CybersecurityResearch;

        var check = await exportControls.CheckExportAsync(request);

        Assert.Equal(ExportBasis.AuthorizedByGeneralLicense, check.Basis);
        Assert.Equal(Day(2020, 8, 13), check.GeneralLicense.EndDate);
    }

    [Theory]
    [InlineData("huawei technologies co., ltd.", Huawei)]
    [InlineData("  HUAWEI ", Huawei)]
    [InlineData("HiSilicon  Technologies Co., LTD.", "HiSilicon Technologies Co., Ltd.")]
    public async Task CheckExport_PartyNameInAnyCase_MatchesTheListedNameOrAlias(string party, string listedAs)
    {
        var check = await exportControls.CheckExportAsync(ShipToParty(party, "EAR99", Day(2020, 9, 1)));

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.Equal(listedAs, check.Entity.DisplayName);
    }

    [Fact]
    public async Task CheckExport_PartyNotOnTheList_NeedsNoLicenseAndNamesNoEntity()
    {
        var check = await exportControls.CheckExportAsync(ShipToParty("Acme Widgets Inc.", "5A002", Day(2020, 9, 1)));

        Assert.Equal(ExportBasis.NotListed, check.Basis);
        Assert.True(check.Authorized);
        Assert.Null(check.Entity);
    }

    [Fact]
    public async Task CheckExport_GrantedLicense_CoversItsClassificationAndWindowOnly()
    {
        var entity = await CreateEntityAsync();
        var license = await exportControls.ApplyForLicenseAsync(Application(entity, "5A002"));
        await exportControls.GrantLicenseAsync(Grant(license, Day(2021, 1, 1), Day(2021, 12, 31)));

        var covered = await exportControls.CheckExportAsync(ShipToEntity(entity.Name, "5A002", Day(2021, 6, 1)));
        var otherClassification = await exportControls.CheckExportAsync(ShipToEntity(entity.Name, "3A001", Day(2021, 6, 1)));
        var afterTheWindow = await exportControls.CheckExportAsync(ShipToEntity(entity.Name, "5A002", Day(2022, 1, 1)));

        Assert.Equal(ExportBasis.AuthorizedByLicense, covered.Basis);
        Assert.True(covered.Authorized);
        Assert.Equal(license.Name, covered.License.Name);
        Assert.Equal(ExportBasis.LicenseRequired, otherClassification.Basis);
        Assert.Equal(ExportBasis.LicenseRequired, afterTheWindow.Basis);
        Assert.Null(afterTheWindow.License);
    }

    [Fact]
    public async Task CheckExport_DeniedLicense_AuthorizesNothing()
    {
        var entity = await CreateEntityAsync();
        var license = await exportControls.ApplyForLicenseAsync(Application(entity));
        await exportControls.DenyLicenseAsync(new DenyLicenseRequest { Name = license.Name, Reason = "Presumption of denial" });

        var check = await exportControls.CheckExportAsync(ShipToEntity(entity.Name, "5A002", Day(2021, 6, 1)));

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
    }

    [Fact]
    public async Task ApplyForLicense_ThenGrant_MovesFromPendingToGranted()
    {
        var entity = await CreateEntityAsync();

        var pending = await exportControls.ApplyForLicenseAsync(Application(entity));
        var granted = await exportControls.GrantLicenseAsync(Grant(pending, Day(2021, 1, 1), Day(2021, 12, 31)));
        var fetched = await exportControls.GetLicenseAsync(new GetLicenseRequest { Name = pending.Name });

        Assert.StartsWith("licenses/", pending.Name, StringComparison.Ordinal);
        Assert.Equal(LicenseState.Pending, pending.State);
        Assert.Null(pending.DecideTime);
        Assert.Equal(LicenseState.Granted, granted.State);
        Assert.Equal("End use reviewed", granted.DecisionReason);
        Assert.NotNull(granted.DecideTime);
        Assert.Equal(granted, fetched);
    }

    [Fact]
    public async Task DenyLicense_AfterAGrant_IsFailedPreconditionSayingTheCurrentState()
    {
        var license = await exportControls.ApplyForLicenseAsync(Application(await CreateEntityAsync()));
        await exportControls.GrantLicenseAsync(Grant(license, Day(2021, 1, 1), Day(2021, 12, 31)));

        var error = await Assert.ThrowsAsync<RpcException>(() => exportControls.DenyLicenseAsync(
            new DenyLicenseRequest { Name = license.Name, Reason = "Second thoughts" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("LICENSE_ALREADY_DECIDED", error.GetErrorInfo()?.Reason);
        var violation = Assert.Single(error.GetPreconditionFailure()?.Violations ?? []);
        Assert.Equal(license.Name, violation.Subject);
        Assert.Contains("GRANTED", violation.Description, StringComparison.Ordinal);
        Assert.Equal(LicenseState.Granted, (await exportControls.GetLicenseAsync(new GetLicenseRequest { Name = license.Name })).State);
    }

    [Fact]
    public async Task ApplyForLicense_SameRequestIdTwice_CreatesOneLicense()
    {
        var entity = await CreateEntityAsync();
        var requestId = Guid.NewGuid().ToString();

        var first = await exportControls.ApplyForLicenseAsync(Application(entity, requestId: requestId));
        var second = await exportControls.ApplyForLicenseAsync(Application(entity, requestId: requestId));
        var listed = await exportControls.ListLicensesAsync(new ListLicensesRequest { Entity = entity.Name });

        Assert.Equal(first, second);
        Assert.Equal([first.Name], listed.Licenses.Select(l => l.Name));
    }

    [Fact]
    public async Task ApplyForLicense_SameRequestIdOtherItems_IsAlreadyExistsNamingTheFirstLicense()
    {
        var entity = await CreateEntityAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await exportControls.ApplyForLicenseAsync(Application(entity, "5A002", requestId));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.ApplyForLicenseAsync(Application(entity, "3A001", requestId)).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", error.GetErrorInfo()?.Reason);
        Assert.Equal(first.Name, error.GetErrorInfo()?.Metadata["resource"]);
    }

    [Fact]
    public async Task CreateEntity_SameRequestIdTwice_CreatesOnce()
    {
        var requestId = Guid.NewGuid().ToString();
        var request = new CreateEntityRequest
        {
            Entity = new Entity
            {
                DisplayName = "Example Optics Ltd.",
                Aliases = { "Example Optics" },
                Country = "HK",
                ListedDate = Day(2020, 6, 5),
                LicenseRequirement = "All items subject to the EAR",
                LicensePolicy = LicensePolicy.PresumptionOfDenial,
            },
            RequestId = requestId,
        };

        var first = await exportControls.CreateEntityAsync(request);
        var second = await exportControls.CreateEntityAsync(request);
        var fetched = await exportControls.GetEntityAsync(new GetEntityRequest { Name = first.Name });

        Assert.Equal(first, second);
        Assert.Equal(first, fetched);
        Assert.Equal(["Example Optics"], fetched.Aliases);
    }

    [Fact]
    public async Task CreateEntity_GeneralLicenseEndingBeforeItStarts_NamesTheWindowsLastDay()
    {
        var entity = new Entity
        {
            DisplayName = "Example Optics Ltd.",
            Country = "HK",
            ListedDate = Day(2020, 6, 5),
            LicenseRequirement = "All items subject to the EAR",
            LicensePolicy = LicensePolicy.PresumptionOfDenial,
            GeneralLicenses = { new GeneralLicense { StartDate = Day(2020, 7, 1), EndDate = Day(2020, 6, 30), Scope = "Existing networks" } },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.CreateEntityAsync(new CreateEntityRequest { Entity = entity }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["entity.general_licenses[0].end_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task CreateEntity_BadCountryAndNoPolicy_NamesBothFields()
    {
        var entity = new Entity { DisplayName = "Example Optics Ltd.", Country = "China", ListedDate = Day(2020, 6, 5), LicenseRequirement = "All items" };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.CreateEntityAsync(new CreateEntityRequest { Entity = entity }).ResponseAsync);

        Assert.Equal(["entity.country", "entity.license_policy"], error.GetInvalidFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyForLicense_NoApplicantAndBadClassification_NamesBothFields()
    {
        var request = Application(await CreateEntityAsync(), "5a002");
        request.License.Applicant = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => exportControls.ApplyForLicenseAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["license.applicant", "license.export_classification"], error.GetInvalidFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyForLicense_UnknownEntity_IsNotFoundWithErrorInfo()
    {
        var request = Application(new Entity { Name = "entities/nope" });

        var error = await Assert.ThrowsAsync<RpcException>(() => exportControls.ApplyForLicenseAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ENTITY_NOT_FOUND", error.GetErrorInfo()?.Reason);
        Assert.Equal("entities/nope", error.GetErrorInfo()?.Metadata["resource"]);
    }

    [Fact]
    public async Task GetLicense_Unknown_IsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.GetLicenseAsync(new GetLicenseRequest { Name = "licenses/nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("LICENSE_NOT_FOUND", error.GetErrorInfo()?.Reason);
        Assert.Equal(TariffApp.ErrorDomain, error.GetErrorInfo()?.Domain);
    }

    [Fact]
    public async Task GetEntity_Unknown_IsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.GetEntityAsync(new GetEntityRequest { Name = "entities/nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ENTITY_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task GrantLicense_WithoutAStartDate_NamesTheMissingField()
    {
        var license = await exportControls.ApplyForLicenseAsync(Application(await CreateEntityAsync()));

        var error = await Assert.ThrowsAsync<RpcException>(() => exportControls.GrantLicenseAsync(
            new GrantLicenseRequest { Name = license.Name, EndDate = Day(2021, 12, 31), Reason = "Approved" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["start_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task GrantLicense_EndingBeforeItStarts_NamesTheLastDay()
    {
        var license = await exportControls.ApplyForLicenseAsync(Application(await CreateEntityAsync()));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.GrantLicenseAsync(Grant(license, Day(2021, 12, 31), Day(2021, 1, 1))).ResponseAsync);

        Assert.Equal(["end_date"], error.GetInvalidFields());
        Assert.Equal(LicenseState.Pending, (await exportControls.GetLicenseAsync(new GetLicenseRequest { Name = license.Name })).State);
    }

    [Fact]
    public async Task CheckExport_NeitherEntityNorPartyName_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => exportControls.CheckExportAsync(
            new CheckExportRequest { ExportClassification = "5A002", ShipDate = Day(2020, 9, 1) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["party"], error.GetInvalidFields());
    }

    [Fact]
    public async Task CheckExport_ImpossibleShipDate_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            exportControls.CheckExportAsync(ShipToParty(Huawei, "5A002", Day(2019, 2, 30))).ResponseAsync);

        Assert.Equal(["ship_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ListEntities_SmallPages_ListsTheBundledHuaweiEntitiesOnceEach()
    {
        var names = new List<string>();
        var token = "";
        do
        {
            var page = await exportControls.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 2, PageToken = token });
            names.AddRange(page.Entities.Select(e => e.DisplayName));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            Huawei,
            "Beijing Huawei Digital Technologies Co., Ltd.",
            "HiSilicon Technologies Co., Ltd.",
            "Huawei Device Co., Ltd.",
            "Huawei Technologies Japan K.K.",
        });
    }

    [Fact]
    public async Task ListLicenses_ForOneEntity_ListsOnlyItsLicensesInOrder()
    {
        var entity = await CreateEntityAsync();
        var other = await CreateEntityAsync();
        var first = await exportControls.ApplyForLicenseAsync(Application(entity, "5A002"));
        await exportControls.ApplyForLicenseAsync(Application(other, "5A002"));
        var second = await exportControls.ApplyForLicenseAsync(Application(entity, "3A001"));

        var page = await exportControls.ListLicensesAsync(new ListLicensesRequest { Entity = entity.Name, PageSize = 1 });
        var rest = await exportControls.ListLicensesAsync(new ListLicensesRequest { Entity = entity.Name, PageSize = 1, PageToken = page.NextPageToken });

        Assert.Equal([first.Name], page.Licenses.Select(l => l.Name));
        Assert.Equal([second.Name], rest.Licenses.Select(l => l.Name));
        Assert.Empty(rest.NextPageToken);
    }
}
