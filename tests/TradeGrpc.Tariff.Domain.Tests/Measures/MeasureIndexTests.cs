using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Tests.Quotes;

namespace TradeGrpc.Tariff.Domain.Tests.Measures;

/// <summary>
/// Which measures cover a product. The carve-out is made up (no split in the bundled table moves a
/// code out of a list that names its parent): one 10-digit speed drive moved from list 1 to list 3.
/// </summary>
public sealed class MeasureIndexTests
{
    private static readonly MeasureIndex Index = new(
    [
        SmallBook.List1 with { Scope = [new("85044040"), new("8504404010", CarvedOut: true)] },
        SmallBook.List3 with { Scope = [new("8504404010", Heading: "9903.88.04")] },
        SmallBook.Steel,
        SmallBook.ChinaRetaliation,
    ],
    ["72061000", "72165000", "72169900", "85044040"]);

    private static (string, string)[] Covering(string code, string importingCountry, string origin) =>
        [.. Index.Covering(code, importingCountry, origin).Select(h => (h.Measure.Id, h.Entry.Heading))];

    [Theory]
    [InlineData("85044040", "us-301-list-1", "")]
    [InlineData("8504404020", "us-301-list-1", "")]
    [InlineData("8504404010", "us-301-list-3", "9903.88.04")]
    public void Covering_TenDigitCodeCarvedOutOfItsParentsList_IsCoveredByItsOwnListOnly(string code, string measure, string heading) =>
        Assert.Equal([(measure, heading)], Covering(code, "US", "CN"));

    [Theory]
    [InlineData("72061000")] // the first code of the range
    [InlineData("72165000")] // the last
    [InlineData("7216500010")] // a 10-digit code under one of the range's codes
    public void Covering_CodeInARangeOfTheScope_IsCoveredForEveryOrigin(string code)
    {
        Assert.Equal([("us-232-steel", "")], Covering(code, "US", "JP"));
        Assert.Equal([("us-232-steel", "")], Covering(code, "US", "CN"));
    }

    [Fact]
    public void Covering_CodeAfterTheRange_IsNotCovered() =>
        Assert.Empty(Covering("72169900", "US", "JP"));

    [Theory]
    [InlineData("8504404020", "US", "HK")] // Hong Kong is not China
    [InlineData("85044040", "CN", "US")] // list 1 is on imports into the US
    public void Covering_OtherOriginOrImportingCountry_IsNotCovered(string code, string importingCountry, string origin) =>
        Assert.Empty(Covering(code, importingCountry, origin));

    [Fact]
    public void Covering_SixDigitScopeEntry_CoversTheCodesUnderIt() =>
        Assert.Equal([("cn-retaliation", "")], Covering("12019000", "CN", "US"));

    [Fact]
    public void With_OneMeasureChanged_CoversWhatAFullBuildOfTheSameMeasuresCovers()
    {
        // List 3 moves off the speed drive onto steel and its own 4-digit heading; list 1 keeps its carve-out.
        var moved = SmallBook.List3 with { Scope = [new("720610", "721650"), new("8504")], Version = 2 };
        var codes = new[] { "72061000", "72165000", "72169900", "85044040", "8504404010", "85049000" };

        var changed = Index.With(moved);
        var rebuilt = new MeasureIndex([.. Index.Measures.Values.Where(m => m.Id != moved.Id), moved], ["72061000", "72165000", "72169900", "85044040"]);

        foreach (var code in codes)
        {
            Assert.Equal(rebuilt.Covering(code, "US", "CN"), changed.Covering(code, "US", "CN"));
        }

        Assert.Equal(["us-232-steel", "us-301-list-3"], changed.Covering("72061000", "US", "CN").Select(h => h.Measure.Id));
        Assert.Equal(["us-301-list-3"], changed.Covering("8504404010", "US", "CN").Select(h => h.Measure.Id));
        Assert.Equal(["cn-retaliation", "us-232-steel", "us-301-list-1", "us-301-list-3"], changed.Measures.Keys);
    }

    [Fact]
    public void With_AMeasureNotHeldBefore_IsAddedInIdOrder()
    {
        var horses = SmallBook.Steel with { Id = "us-232-horses", Scope = [new("01012100")] };

        var changed = Index.With(horses);

        Assert.Equal(["cn-retaliation", "us-232-horses", "us-232-steel", "us-301-list-1", "us-301-list-3"], changed.Measures.Keys);
        Assert.Equal([("us-232-horses", "")], changed.Covering("01012100", "US", "JP").Select(h => (h.Measure.Id, h.Entry.Heading)));
        Assert.Empty(Index.Covering("01012100", "US", "JP"));
    }

    [Fact]
    public void CodesIndexed_RangesAndCodes_CountsTheScheduleCodesEachRangeSpansAndOneForEachCode()
    {
        string[] schedule = ["01012100", "01012900", "72061000", "72069000", "72165000", "72169900", "85044040"];

        // 720610 to 721650 spans 72061000, 72069000 and 72165000; 0101 to 0101 both horses; a code counts once.
        var codes = MeasureIndex.CodesIndexed([new("720610", "721650"), new("0101", "0101"), new("85044040"), new("9999", "9999")], schedule);

        Assert.Equal(3 + 2 + 1 + 0, codes);
    }

    [Fact]
    public void New_MeasureSpanningMoreCodesThanAllowed_IsSetAsideAndCoversNothing()
    {
        // 50,001 one-code entries: one more than a measure may index.
        var wide = SmallBook.Steel with { Id = "us-232-everything", Scope = [.. Enumerable.Range(0, MeasureIndex.MaxCodesPerMeasure + 1).Select(i => new ScopeEntry($"{i:D8}"))] };

        var index = new MeasureIndex([SmallBook.Steel, wide], ["00000001", "72061000"]);

        Assert.Equal(["us-232-steel"], index.Measures.Keys);
        Assert.Same(wide, index.SetAside["us-232-everything"]);
        Assert.Same(wide, index.Held("us-232-everything"));
        Assert.Empty(index.Covering("00000001", "US", "JP"));
        Assert.Equal(["us-232-steel"], index.Covering("72061000", "US", "JP").Select(h => h.Measure.Id));
    }

    [Fact]
    public void With_SetAsideMeasureNarrowed_AppliesAgain()
    {
        var wide = SmallBook.Steel with { Id = "us-232-everything", Scope = [.. Enumerable.Range(0, MeasureIndex.MaxCodesPerMeasure + 1).Select(i => new ScopeEntry($"{i:D8}"))] };
        var index = new MeasureIndex([wide], ["00000001"]);

        var narrowed = index.With(wide with { Scope = [new("00000001")], Version = 2 });

        Assert.Empty(narrowed.SetAside);
        Assert.Equal(["us-232-everything"], narrowed.Covering("00000001", "US", "JP").Select(h => h.Measure.Id));
    }

    [Fact]
    public void CheckScope_OverTheCap_IsScopeTooLargeNamingTheScope()
    {
        var error = Assert.Throws<Errors.InvalidInputException>(() =>
            MeasureIndex.CheckScope([.. Enumerable.Range(0, MeasureIndex.MaxCodesPerMeasure + 1).Select(i => new ScopeEntry($"{i:D8}"))], []));

        Assert.Equal("SCOPE_TOO_LARGE", error.Reason);
        Assert.Equal(["Scope"], error.Fields.Select(f => f.Field));
    }
}
