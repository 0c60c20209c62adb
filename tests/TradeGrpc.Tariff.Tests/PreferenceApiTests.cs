using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Preference claims and column 2, against the bundled 2017 schedule. The lines, as the file prints them:
/// 7606.12.60 aluminum plates: general 6.5%, special "Free (A,AU,BH,CA,CL,CO,D,E,IL,JO,MA,MX,OM,P,PA,PE,SG) 2.6% (KR)", column 2 30%;
/// 6109.10.00 cotton T-shirts: general 16.5%, special "Free (AU,BH,CA,CL,CO,IL,JO,MA,MX,OM,P,PA,PE,SG) 6.6% (KR)", column 2 90%;
/// 9403.60.80 wooden furniture: general Free, no special rates, column 2 40%.
/// </summary>
[Collection(SharedTariffHost.Name)]
public sealed class PreferenceApiTests(TariffHostFixture fixture)
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private static QuoteLine Claiming(QuoteLine line, string program)
    {
        line.PreferenceProgram = program;
        return line;
    }

    private async Task<RpcException> RefusedAsync(QuoteLine line)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), line)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("lines[0].preference_program", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.StartsWith("lines[0].preference_program: ", error.Status.Detail, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task QuoteDuty_KoreanAluminumClaimingKorus_PaysTheKoreanRateAndSection232OnTop()
    {
        // $10,000 at KORUS's 2.6% = $260, and Section 232's 10% on aluminum (owed by Korea from
        // 2018-05-01) = $1,000: $1,260. Unclaimed, the general 6.5% = $650 would make it $1,650.
        var claimed = await client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Claiming(Line("7606.12.60", "KR", 10_000), "KR")));
        var unclaimed = await client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Line("7606.12.60", "KR", 10_000)));

        Assert.Equal(1_260m, claimed.TotalDuty.Dollars());
        Assert.Equal([("", "2.6%", 260m), ("9903.85.01", "10%", 1_000m)],
            claimed.Lines[0].Components.Select(c => (c.Heading, c.RateText, c.Amount.Dollars())));
        Assert.Contains("KORUS (KR)", claimed.Lines[0].Components[0].Description, StringComparison.Ordinal);
        Assert.Equal(1_650m, unclaimed.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData("MX", "MX")] // NAFTA, goods of Mexico
    [InlineData("CA", "CA")] // NAFTA, goods of Canada
    [InlineData("CR", "P")] // CAFTA-DR, goods of Costa Rica
    public async Task QuoteDuty_TShirtsOfAnAgreementMemberClaimingIt_EnterFree(string origin, string program)
    {
        // Free under every agreement in the first group; no Section 301 or 232 measure covers them
        // from these origins. Unclaimed they would owe 16.5% of $10,000 = $1,650.
        var quote = await client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Claiming(Line("6109.10.00", origin, 10_000), program)));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.Equal("Free", Assert.Single(quote.Lines[0].Components).RateText);
    }

    [Theory]
    [InlineData("CU", 900)] // 90% of $1,000
    [InlineData("KP", 900)]
    public async Task QuoteDuty_TShirtsOfCountriesWithoutNormalTradeRelations_PayColumnTwo(string origin, int duty)
    {
        var quote = await client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Line("6109.10.00", origin, 1_000)));

        Assert.Equal(duty, quote.TotalDuty.Dollars());
        var component = Assert.Single(quote.Lines[0].Components);
        Assert.Equal("90%", component.RateText);
        Assert.StartsWith("Column 2 rate", component.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteDuty_ChineseAluminumClaimingKorus_IsRefusedAsNotAMember()
    {
        var error = await RefusedAsync(Claiming(Line("7606.12.60", "CN", 10_000), "KR"));

        Assert.Equal("PREFERENCE_ORIGIN_NOT_MEMBER", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_CubanTShirtsClaimingNafta_AreRefusedNotPricedAtColumnTwo()
    {
        var error = await RefusedAsync(Claiming(Line("6109.10.00", "CU", 1_000), "MX"));

        Assert.Equal("PREFERENCE_ORIGIN_NOT_MEMBER", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_CanadianYogurtClaimingNafta_IsRefusedWithTheRatesTheLinePrints()
    {
        // 0403.10.50 prints "Free (BH,CL,JO,MX,SG) 62.1¢/kg + 10.2% (PA) ...": NAFTA left Canada's dairy out.
        var error = await RefusedAsync(Claiming(Line("0403.10.50", "CA", 1_000, ("KG", 100)), "CA"));

        Assert.Equal("PREFERENCE_NOT_OFFERED", error.GetErrorInfo()?.Reason);
        Assert.Contains("Free (BH,CL,JO,MX,SG)", error.GetBadRequest()!.FieldViolations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteDuty_KoreanFurnitureClaimingKorus_IsRefusedAsTheLinePrintsNoSpecialRates()
    {
        var error = await RefusedAsync(Claiming(Line("9403.60.80", "KR", 1_000), "KR"));

        Assert.Equal("PREFERENCE_NOT_OFFERED", error.GetErrorInfo()?.Reason);
        Assert.Contains("prints no special rates", error.GetBadRequest()!.FieldViolations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteDuty_PanamanianYogurtClaimingTheTpa_PaysItsCompoundRate()
    {
        // 62.1 cents/kg on 100 kg = $62.10, plus 10.2% of $1,000 = $102: $164.10.
        var quote = await client.QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Claiming(Line("0403.10.50", "PA", 1_000, ("KG", 100)), "PA")));

        Assert.Equal(164.10m, quote.TotalDuty.Dollars());
        Assert.Equal("62.1¢/kg + 10.2%", Assert.Single(quote.Lines[0].Components).RateText);
    }

    [Fact]
    public async Task QuoteDuty_KoreanYogurtClaimingKorus_IsAFailedPreconditionAsItsRateReferstoAnotherHeading()
    {
        // Korea's rate on 0403.10.50 is "See 9920.04.10, 9920.04.13": a tariff-rate quota the book does not price.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(
            Entry("US", Day(2019, 6, 3), Claiming(Line("0403.10.50", "KR", 1_000, ("KG", 100)), "KR"))).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("BASE_RATE_NOT_COMPUTABLE", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_ClaimUnderGsp_IsRefusedAsNotChecked()
    {
        // 7606.12.60 prints Free under A (GSP), but the book holds no list of GSP beneficiaries.
        var error = await RefusedAsync(Claiming(Line("7606.12.60", "IN", 10_000), "A"));

        Assert.Equal("PREFERENCE_NOT_SUPPORTED", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_ClaimOnChinasTariff_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(
            Entry("CN", Day(2018, 7, 6), Claiming(Line("1201.90", "US", 1_000), "KR"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("PREFERENCE_NOT_OFFERED", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_MalformedProgram_IsInvalidArgumentOnTheField() =>
        await RefusedAsync(Claiming(Line("6109.10.00", "MX", 1_000), "mx"));

    [Fact]
    public async Task LookupRates_KoreanAluminum_ListsTheSpecialRatesTheLinePrints()
    {
        var rates = await client.LookupRatesAsync(new LookupRatesRequest
        {
            HtsCode = "7606.12.60", OriginCountry = "KR", ImportingCountry = "US", EntryDate = Day(2019, 6, 3),
        });

        Assert.Equal([("Free", 17), ("2.6%", 1)], rates.SpecialRates.Select(r => (r.RateText, r.Programs.Count)));
        Assert.Equal(["KR"], rates.SpecialRates[1].Programs);
        Assert.Equal("6.5%", rates.Rates[0].RateText);
    }

    [Fact]
    public async Task GetTariffLine_AluminumPlates_ShowsTheSpecialRatesAsPrinted()
    {
        var line = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/76061260" });

        Assert.Equal("Free (A,AU,BH,CA,CL,CO,D,E,IL,JO,MA,MX,OM,P,PA,PE,SG) 2.6% (KR)", line.SpecialRateText);
    }
}
