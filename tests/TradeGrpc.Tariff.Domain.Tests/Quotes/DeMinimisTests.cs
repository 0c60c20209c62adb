using System.Globalization;
using TradeGrpc.Tariff.Domain.Quotes;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.Quotes;

/// <summary>An entry into the US worth at most $800 (from 2016-03-10; $200 before) owes nothing, Section 301 included.</summary>
public sealed class DeMinimisTests
{
    private static EntryDuty QuoteValves(string entryDate, params decimal[] lineValues) =>
        SmallBook.Calculator().Quote(new EntryInput("US", Day(entryDate),
            [.. lineValues.Select(usd => new QuoteLineInput("8481.80.90", "CN", null, usd, []))], []));

    [Theory]
    [InlineData("2016-03-09", 200)]
    [InlineData("2016-03-10", 800)]
    [InlineData("2019-07-01", 800)]
    public void ThresholdUsd_UsEntries_Is200BeforeAnd800From2016March10(string entryDate, int threshold) =>
        Assert.Equal(threshold, DeMinimis.ThresholdUsd("US", Day(entryDate)));

    [Fact]
    public void ThresholdUsd_EntriesIntoChina_HaveNone() =>
        Assert.Null(DeMinimis.ThresholdUsd("CN", new DateOnly(2019, 7, 1)));

    [Theory]
    [InlineData("2016-03-09", "200", "0", true)]
    [InlineData("2016-03-09", "201", "4.02", false)] // 2% of $201; list 3 is still to come
    [InlineData("2016-03-09", "800", "16", false)]
    [InlineData("2016-03-10", "800", "0", true)]
    [InlineData("2019-07-01", "800", "0", true)]
    [InlineData("2019-07-01", "801", "216.27", false)] // 2% of $801 = $16.02, list 3 at 25% = $200.25
    public void Quote_ValvesOfChina_OweNothingAtOrUnderTheThresholdOfTheEntryDate(string entryDate, string value, string total, bool deMinimis)
    {
        var quote = QuoteValves(entryDate, decimal.Parse(value, CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(total, CultureInfo.InvariantCulture), quote.Total);
        Assert.Equal(deMinimis, quote.DeMinimis);
        Assert.Equal(deMinimis, Assert.Single(quote.Lines).DeMinimis);
    }

    [Fact]
    public void Quote_LinesUnderTheThresholdEachButOverItTogether_OweTheirDuty()
    {
        // $500: 2% = $10 + 25% = $125; $400: $8 + $100.
        var quote = QuoteValves("2019-07-01", 500, 400);

        Assert.False(quote.DeMinimis);
        Assert.Equal([135m, 108m], quote.Lines.Select(l => l.Duty));
        Assert.Equal(243m, quote.Total);
    }

    [Fact]
    public void Quote_LinesTogetherAtTheThreshold_OweNothingAndListNoParts()
    {
        var quote = QuoteValves("2019-07-01", 500, 300);

        Assert.True(quote.DeMinimis);
        Assert.All(quote.Lines, line => Assert.True(line is { DeMinimis: true, Duty: 0, Parts.Count: 0 }));
    }

    [Fact]
    public void Quote_SmallEntryIntoChina_OwesItsDuty()
    {
        // China applies no de minimis here: 3% of $100 and the 25-point retaliation.
        var quote = SmallBook.Calculator().Quote(new EntryInput("CN", new DateOnly(2018, 7, 6), [new("1201.90", "US", null, 100, [])], []));

        Assert.False(quote.DeMinimis);
        Assert.Equal(28m, quote.Total);
    }
}
