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
}
