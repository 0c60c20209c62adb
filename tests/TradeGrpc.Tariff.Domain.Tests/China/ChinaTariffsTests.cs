using TradeGrpc.Tariff.Domain.China;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.China;

/// <summary>Some of China's applied rates on US goods, as the bundled table gives them: soybeans, cars, and a frozen fish China cut in 2018.</summary>
public sealed class ChinaTariffsTests
{
    private static readonly ChinaTariffs Rates = new(
    [
        new("120190", new(2018, 1, 1), 3),
        new("120190", new(2018, 7, 1), 3),
        new("120190", new(2018, 7, 6), 28),
        new("120190", new(2018, 8, 23), 28),
        new("120190", new(2019, 9, 1), 33),
        new("870323", new(2018, 1, 1), 25),
        new("870323", new(2018, 7, 1), 15),
        new("870323", new(2018, 7, 6), 40),
        new("870323", new(2019, 1, 2), 15),
        new("030192", new(2018, 7, 1), 10),
        new("030192", new(2018, 7, 6), 10),
        new("030192", new(2018, 11, 1), 7),
        new("030192", new(2019, 9, 1), 17),
    ]);

    [Theory]
    [InlineData("120190", "2017-12-01", 3)] // before the table's first date: its first rate
    [InlineData("120190", "2018-07-05", 3)]
    [InlineData("120190", "2019-10-01", 3)] // the base stays the rate of 2018-07-01
    [InlineData("870323", "2018-06-01", 25)] // before the MFN cut of 2018-07-01, the rate then
    [InlineData("870323", "2019-07-01", 15)]
    [InlineData("030192", "2019-01-01", 10)] // applied 7% then, but the base is the rate of 2018-07-01
    public void BaseRate_EntryDate_IsTheRateInForceThenButNoLaterThan20180705(string hs6, string entryDate, int percent) =>
        Assert.Equal(percent, Rates.BaseRate(hs6, Day(entryDate)));

    [Fact]
    public void BaseRate_CodeNotInTheTable_IsNull() =>
        Assert.Null(Rates.BaseRate("880240", new DateOnly(2019, 1, 1)));

    [Fact]
    public void Retaliation_AppliedRatesOverTheBase_ArePhasesAtEachChange()
    {
        var retaliation = Rates.Retaliation([]).ToDictionary(r => r.Hs6, r => r.Phases);

        // Soybeans: 28 - 3 = 25 points from 2018-07-06, 33 - 3 = 30 from 2019-09-01; 2018-08-23 changed nothing.
        Assert.Equal([(new DateOnly(2018, 7, 6), 25m), (new DateOnly(2019, 9, 1), 30m)], retaliation["120190"]);
        // Cars: 40 - 15 = 25 points until China suspended them on 2019-01-02.
        Assert.Equal([(new DateOnly(2018, 7, 6), 25m), (new DateOnly(2019, 1, 2), 0m)], retaliation["870323"]);
        // Fish: nothing until 2019-09-01 (the cut to 7% is no negative retaliation), then 17 - 10 = 7 points.
        Assert.Equal([(new DateOnly(2019, 9, 1), 7m)], retaliation["030192"]);
    }

    [Fact]
    public void RaisedOn_TheTrancheOf20190901_IsTheCodesThatRoseByItsRate()
    {
        // Soybeans rose 28 -> 33 on 2019-09-01 (5 points), the fish 7 -> 17 (10 points); the cars did not move.
        Assert.Equal(["120190"], Rates.RaisedOn(new DateOnly(2019, 9, 1), 5));
        Assert.Equal(["030192"], Rates.RaisedOn(new DateOnly(2019, 9, 1), 10));
    }

    [Fact]
    public void Retaliation_WithTheTranchesOf20190901SplitOut_LeavesTheirRisesToTheirOwnMeasures()
    {
        var retaliation = Rates.Retaliation([(new DateOnly(2019, 9, 1), 10m), (new DateOnly(2019, 9, 1), 5m)]).ToDictionary(r => r.Hs6, r => r.Phases);

        // Soybeans: 33 - 3 - 5 = 25 points after 2019-09-01, as before it: one phase only.
        Assert.Equal([(new DateOnly(2018, 7, 6), 25m)], retaliation["120190"]);
        // Cars took no part in the tranche: as they were.
        Assert.Equal([(new DateOnly(2018, 7, 6), 25m), (new DateOnly(2019, 1, 2), 0m)], retaliation["870323"]);
        // Fish: 17 - 10 - 10 = nothing left once the tranche's 10 points are its own measure's.
        Assert.False(retaliation.ContainsKey("030192"));
    }
}
