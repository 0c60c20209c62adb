using System.Text;
using TradeGrpc.Tariff.Import;

namespace TradeGrpc.Tariff.Domain.Tests.Import;

public sealed class UsitcTariffDatabaseReaderTests
{
    [Fact]
    public void Read_Bundled2017File_TakesEveryRow()
    {
        using var stream = BundledSchedule.Open();

        var read = UsitcTariffDatabaseReader.Read(stream);

        Assert.Equal(12_861, read.RowsRead);
        Assert.Equal(12_861, read.Lines.Count);
        Assert.Empty(read.Rejected);
    }

    [Fact]
    public void Read_QuotedCommasQuotesAndLatin1_KeepsTheTextAsPublished()
    {
        var csv = "\"hts8\",\"brief_description\",\"quantity_1_code\",\"quantity_2_code\",\"mfn_text_rate\",\"col2_text_rate\",\"begin_effect_date\",\"end_effective_date\"\r\n" +
                  "\"01012100\",\"Horses, \"\"pure-bred\"\" \u00e9levage\",\"NO\",\"\",\"Free\",\"Free\",\"1/1/2017 0:00:00\",\"12/31/2050 0:00:00\"\r\n";

        var read = UsitcTariffDatabaseReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv)));

        var line = Assert.Single(read.Lines);
        Assert.Equal("Horses, \"pure-bred\" \u00e9levage", line.Description);
        Assert.Equal(new DateOnly(2017, 1, 1), line.ValidFrom);
        Assert.Equal(new DateOnly(2050, 12, 31), line.ValidTo);
    }

    [Fact]
    public void Read_BadCodeAndBadDates_RejectsTheRowsWithLineAndReason()
    {
        var csv = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,col2_text_rate,begin_effect_date,end_effective_date\n" +
                  "0101210,Short,NO,,Free,Free,1/1/2017,12/31/2050\n" +
                  "01012100,Backwards,NO,,Free,Free,12/31/2050,1/1/2017\n" +
                  "01012900,Fine,NO,,Free,Free,1/1/2017,12/31/2050\n";

        var read = UsitcTariffDatabaseReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv)));

        Assert.Equal(3, read.RowsRead);
        Assert.Equal("01012900", Assert.Single(read.Lines).Hts8);
        Assert.Equal([(2, "hts8 is not eight digits"), (3, "validity dates are missing or out of order")],
            read.Rejected.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void Read_FileWithoutRateColumn_SaysWhichColumnIsMissing()
    {
        var csv = "hts8,brief_description\n01012100,Horses\n";

        var error = Assert.Throws<FormatException>(() => UsitcTariffDatabaseReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(csv))));

        Assert.Contains("mfn_text_rate", error.Message, StringComparison.Ordinal);
    }
}
