using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.ExportControls;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.ExportControls;

public sealed class DateWindowTests
{
    /// <summary>The first window of the temporary general licence for Huawei.</summary>
    private static readonly DateWindow FirstTemporaryLicense = DateWindow.Between(new DateOnly(2019, 5, 20), new DateOnly(2019, 8, 19));

    [Theory]
    [InlineData("2019-05-19", false)]
    [InlineData("2019-05-20", true)]
    [InlineData("2019-08-19", true)]
    [InlineData("2019-08-20", false)]
    public void Covers_DaysAroundTheWindow_CountsBothEnds(string day, bool covered) =>
        Assert.Equal(covered, FirstTemporaryLicense.Covers(Day(day)));

    [Fact]
    public void ToString_Window_ReadsFromTo() =>
        Assert.Equal("2019-05-20 to 2019-08-19", FirstTemporaryLicense.ToString());

    [Fact]
    public void Between_OneDay_IsAWindowOfThatDay()
    {
        var window = DateWindow.Between(new DateOnly(2020, 8, 13), new DateOnly(2020, 8, 13));

        Assert.True(window.Covers(new DateOnly(2020, 8, 13)));
        Assert.False(window.Covers(new DateOnly(2020, 8, 14)));
    }

    [Fact]
    public void Between_LastDayBeforeFirst_FailsOnTheLastDay()
    {
        var error = Assert.Throws<InvalidInputException>(() => DateWindow.Between(new DateOnly(2019, 8, 19), new DateOnly(2019, 5, 20)));

        Assert.Equal("INVALID_DATE_RANGE", error.Reason);
        Assert.Equal(new FieldError("ValidTo", "must not be before the start date."), Assert.Single(error.Fields));
    }

    [Theory]
    [InlineData(false, true, "GeneralLicenses[2].ValidFrom")]
    [InlineData(true, false, "GeneralLicenses[2].ValidTo")]
    [InlineData(false, false, "GeneralLicenses[2].ValidFrom")]
    public void Between_DayMissing_FailsNamingItUnderItsOwner(bool hasFrom, bool hasTo, string field)
    {
        DateOnly? from = hasFrom ? new DateOnly(2019, 11, 19) : null;
        DateOnly? to = hasTo ? new DateOnly(2020, 2, 16) : null;

        var error = Assert.Throws<InvalidInputException>(() => DateWindow.Between(from, to, "GeneralLicenses[2]."));

        Assert.Equal("VALIDITY_REQUIRED", error.Reason);
        Assert.Equal(new FieldError(field, "is required."), Assert.Single(error.Fields));
    }
}
