using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.ExportControls;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.ExportControls;

/// <summary>Huawei's listing of 2019-05-16 (84 FR 22961) with the first three windows of its temporary general licence.</summary>
public sealed class EntityListingTests
{
    private static readonly EntityListing Huawei = new(
        "Huawei Technologies Co., Ltd.", "CN", ["Huawei"], new DateOnly(2019, 5, 16), null,
        "All items subject to the EAR", LicensePolicy.PresumptionOfDenial, "84 FR 22961",
        [
            new(new DateWindow(new(2019, 5, 20), new(2019, 8, 19)), "Existing networks and handsets (issued)"),
            new(new DateWindow(new(2019, 8, 20), new(2019, 11, 18)), "Existing networks and handsets (first extension)"),
            new(new DateWindow(new(2019, 11, 19), new(2020, 2, 16)), "Existing networks and handsets (second extension)"),
        ]);

    [Theory]
    [InlineData("2019-05-15", false)]
    [InlineData("2019-05-16", true)]
    [InlineData("2030-01-01", true)]
    public void IsListedOn_NeverRemoved_ListedFromItsListingDayOn(string day, bool listed)
    {
        Assert.Equal(listed, Huawei.IsListedOn(Day(day)));
        Assert.False(Huawei.IsRemovedBy(Day(day)));
    }

    [Theory]
    [InlineData("2019-05-19", null)] // listed, but no general licence yet
    [InlineData("2019-05-20", "Existing networks and handsets (issued)")]
    [InlineData("2019-08-19", "Existing networks and handsets (issued)")]
    [InlineData("2019-08-20", "Existing networks and handsets (first extension)")]
    [InlineData("2020-02-16", "Existing networks and handsets (second extension)")]
    [InlineData("2020-02-17", null)]
    public void GeneralLicensesOn_Day_IsTheWindowThatCoversIt(string day, string? scope) =>
        Assert.Equal(scope, Huawei.GeneralLicensesOn(Day(day)).SingleOrDefault()?.Scope);

    [Fact]
    public void AllNames_ListingWithAnAlias_IsTheDisplayNameThenTheAliases() =>
        Assert.Equal(["Huawei Technologies Co., Ltd.", "Huawei"], Huawei.AllNames());

    [Theory]
    [InlineData("2021-06-30", false)]
    [InlineData("2021-07-01", true)]
    public void IsRemovedBy_RemovedListing_FromTheDayOfRemoval(string day, bool removed)
    {
        var removedListing = Huawei with { RemovedOn = new DateOnly(2021, 7, 1) };

        Assert.Equal(removed, removedListing.IsRemovedBy(Day(day)));
        Assert.Equal(!removed, removedListing.IsListedOn(Day(day)));
    }

    [Fact]
    public void Checked_RemovedOnTheDayOfListing_IsAccepted()
    {
        var sameDay = Huawei with { RemovedOn = new DateOnly(2019, 5, 16) };

        Assert.Same(sameDay, sameDay.Checked());
    }

    [Fact]
    public void Checked_RemovedBeforeListed_FailsOnTheRemovalDate()
    {
        var error = Assert.Throws<InvalidInputException>(() => (Huawei with { RemovedOn = new DateOnly(2019, 5, 15) }).Checked());

        Assert.Equal("INVALID_DATE_RANGE", error.Reason);
        Assert.Equal(new FieldError("RemovedOn", "must not be before the listing date."), Assert.Single(error.Fields));
    }
}
