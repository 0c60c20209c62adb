namespace TradeGrpc.Tariff.Domain.Tests;

public sealed class TariffScheduleTests
{
    private static TariffLineRecord Row(string hts8, string rate, int year = 2017) =>
        new(hts8, "", rate, "", "NO", "", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    [Fact]
    public void ChangesTo_CodesAddedRemovedAndRepriced_ListsEachOnceInCodeOrder()
    {
        var before = new TariffSchedule([Row("01012100", "Free"), Row("01012900", "Free"), Row("90281000", "16 cents each + 2.5%"), Row("94036080", "Free")]);
        var after = new TariffSchedule([Row("01012100", "Free"), Row("90281000", "17 cents each + 2.5%"), Row("94036080", "Free"), Row("99999999", "5%")]);

        var changes = before.ChangesTo(after);

        Assert.Equal(
        [
            new CodeChange("01012900", CodeChangeKind.Removed, "Free", ""),
            new CodeChange("90281000", CodeChangeKind.RateChanged, "16 cents each + 2.5%", "17 cents each + 2.5%"),
            new CodeChange("99999999", CodeChangeKind.Added, "", "5%"),
        ], changes);
    }

    [Fact]
    public void ChangesTo_CodeWithSeveralWindows_ComparesTheRowThatTookEffectLast()
    {
        // Before: 16 cents until 2017, 17 cents from 2018. After: only the 2018 row. Nothing a quote of today sees changes.
        var before = new TariffSchedule([Row("90281000", "16 cents each + 2.5%"), Row("90281000", "17 cents each + 2.5%", 2018)]);
        var after = new TariffSchedule([Row("90281000", "17 cents each + 2.5%", 2018)]);

        Assert.Empty(before.ChangesTo(after));
    }
}
