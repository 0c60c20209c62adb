using System.Globalization;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.ExportControls;
using static TradeGrpc.Tariff.Domain.Tests.Actors;

namespace TradeGrpc.Tariff.Domain.Tests.ExportControls;

public sealed class ExportScreeningTests
{
    private static readonly DateTimeOffset Now = new(2021, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ListedEntity Listed = new("e1", new EntityListing(
        "Example Components Ltd.", "CN", ["Example Components"],
        new DateOnly(2020, 1, 1), new DateOnly(2022, 1, 1),
        "All items subject to the EAR", LicensePolicy.CaseByCase, "85 FR 0000",
        [new GeneralLicense(new DateWindow(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 31)), "Existing networks")]));

    private static ExportLicense Granted(string classification, DateWindow validity) =>
        ExportLicense.Pending("l1", new LicenseApplication("Example Exporter Inc.", "e1", classification, "Modules"), Importer, Now)
            .Decide(new LicenseGrant(validity, "Reviewed"), Officer, Now);

    [Theory]
    [InlineData("2019-12-31", false)]
    [InlineData("2020-01-01", true)]
    [InlineData("2021-12-31", true)]
    [InlineData("2022-01-01", false)]
    public void IsListedOn_AroundTheListingAndRemovalDays_CountsFromListingUntilTheDayOfRemoval(string day, bool listed) =>
        Assert.Equal(listed, Listed.Listing.IsListedOn(DateOnly.Parse(day, CultureInfo.InvariantCulture)));

    [Fact]
    public void NotListed_AfterRemoval_SaysWhenTheEntityWasRemoved()
    {
        var check = ExportScreening.NotListed("Example Components", Listed, new Shipment("5A002", new DateOnly(2022, 2, 1)));

        Assert.Equal(ExportBasis.NotListed, check.Basis);
        Assert.False(check.LicenseRequired);
        Assert.Contains("removed from the Entity List on 2022-01-01", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Listed_LicenseAndGeneralLicenseBothCover_RestsOnTheLicenseAndReportsTheWindowToo()
    {
        var license = Granted("5A002", new DateWindow(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)));

        var check = ExportScreening.Listed(Listed, [license], new Shipment("5A002", new DateOnly(2021, 2, 1)));

        Assert.Equal(ExportBasis.AuthorizedByLicense, check.Basis);
        Assert.True(check.LicenseRequired);
        Assert.True(check.Authorized);
        Assert.Same(license, check.License);
        Assert.Equal(new DateOnly(2021, 1, 1), check.GeneralLicense?.Validity.From);
    }

    [Theory]
    [InlineData(ExportActivity.ExistingHandsets, ExportBasis.AuthorizedByGeneralLicense)]
    [InlineData(ExportActivity.Standards5G, ExportBasis.LicenseRequired)]
    [InlineData(ExportActivity.Other, ExportBasis.LicenseRequired)]
    public void Listed_GeneralLicenseNamingActivities_AuthorizesThoseOnly(ExportActivity activity, ExportBasis basis)
    {
        var handsetsOnly = Listed with
        {
            Listing = Listed.Listing with
            {
                GeneralLicenses = [new GeneralLicense(new DateWindow(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 31)), "Handsets", [ExportActivity.ExistingHandsets])],
            },
        };

        var check = ExportScreening.Listed(handsetsOnly, [], new Shipment("5A002", new DateOnly(2021, 2, 1), activity));

        Assert.Equal(basis, check.Basis);
        Assert.Equal(basis == ExportBasis.AuthorizedByGeneralLicense ? activity : null, check.AuthorizedActivity);
    }

    [Fact]
    public void Listed_OverlappingWindowsForDifferentActivities_RestsOnTheOneThatAuthorizes()
    {
        DateWindow firstQuarter = new(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 31));
        var twoWindows = Listed with
        {
            Listing = Listed.Listing with
            {
                GeneralLicenses =
                [
                    new GeneralLicense(firstQuarter, "Networks", [ExportActivity.ExistingNetworks]),
                    new GeneralLicense(firstQuarter, "Standards", [ExportActivity.Standards5G]),
                ],
            },
        };

        var check = ExportScreening.Listed(twoWindows, [], new Shipment("5A002", new DateOnly(2021, 2, 1), ExportActivity.Standards5G));

        Assert.Equal(ExportBasis.AuthorizedByGeneralLicense, check.Basis);
        Assert.Equal("Standards", check.GeneralLicense?.Scope);
    }

    [Fact]
    public void Listed_GeneralLicenseNamingNoActivity_AuthorizesAnyExportInItsWindow()
    {
        var check = ExportScreening.Listed(Listed, [], new Shipment("5A002", new DateOnly(2021, 2, 1), ExportActivity.Other));

        Assert.Equal(ExportBasis.AuthorizedByGeneralLicense, check.Basis);
    }

    [Fact]
    public void Listed_OnlyALicenseForAnotherClassification_NeedsALicense()
    {
        var license = Granted("3A001", new DateWindow(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)));

        var check = ExportScreening.Listed(Listed, [license], new Shipment("5A002", new DateOnly(2021, 6, 1)));

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.False(check.Authorized);
        Assert.Contains("case-by-case review", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DeniedLicense_CannotBeGrantedLater()
    {
        var denied = ExportLicense.Pending("l1", new LicenseApplication("Example Exporter Inc.", "e1", "5A002", "Modules"), Importer, Now)
            .Decide(new LicenseDenial("Presumption of denial"), Officer, Now);

        var error = Assert.Throws<RuleViolationException>(() =>
            denied.Decide(new LicenseGrant(new DateWindow(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)), "Reconsidered"), Officer, Now));

        Assert.Equal("LICENSE_ALREADY_DECIDED", error.Reason);
        Assert.Equal("licenses/l1", error.Subject);
        Assert.Equal("licenses/l1 is already DENIED; only a PENDING licence can be decided.", error.Message);
        Assert.Null(denied.Validity);
    }

    [Theory]
    [InlineData("Huawei Technologies Co., Ltd.", "  huawei   technologies co., LTD. ")]
    [InlineData("Example Components", "EXAMPLE COMPONENTS")]
    public void Key_SameNameInOtherCaseAndSpacing_IsTheSame(string listed, string asked) =>
        Assert.Equal(PartyNames.Key(listed), PartyNames.Key(asked));
}
