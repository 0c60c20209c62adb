using System.IO.Compression;
using System.Text.RegularExpressions;
using Google.Protobuf;
using TradeGrpc.Tariff;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Cli.Tests.TariffCommandTests;

namespace TradeGrpc.Cli.Tests;

public sealed class ImportCommandTests
{
    /// <summary>Four rows of 2030: horses free as before, gas meters at 17 cents instead of 16, a code one digit short, and a rate no quote can compute.</summary>
    private const string Csv = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,col2_text_rate,begin_effect_date,end_effective_date\n" +
                               "01012100,Pure-bred horses,NO,,Free,Free,1/1/2030,12/31/2050\n" +
                               "90281000,Gas meters,NO,,17 cents each + 2.5%,$4.50 each + 65%,1/1/2030,12/31/2050\n" +
                               "9028100,Short code,NO,,Free,Free,1/1/2030,12/31/2050\n" +
                               "98010011,Returned goods,NO,,The rate applicable to the article,Free,1/1/2030,12/31/2050";

    [Fact]
    public async Task Import_SmallFileCheckedThenImported_PrintsTheSummaryAndReplacesTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        using var folder = new TempDirectory();
        var plain = await CsvFileAsync(folder);
        var gzipped = plain + ".gz";
        await using (var output = File.Create(gzipped))
        await using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            await gzip.WriteAsync(System.Text.Encoding.Latin1.GetBytes(Csv));
        }

        var cli = Cli.For(tariff: host);

        var checkedOnly = await cli.RunAsync("import", gzipped, "--validate-only", "--json");
        var imported = await cli.RunAsync("import", plain);
        var meters = await cli.RunAsync("lines", "9028.10.00");

        // Four rows (the last ends without a line break): three imported, the short code rejected, and
        // the returned goods' rate unparsed. Of the 12,734 codes of 2017 the file keeps three (12,731
        // removed); gas meters and returned goods change rate, horses do not.
        var check = JsonParser.Default.Parse<ImportTariffDataResponse>(checkedOnly.Out.Text);
        Assert.Equal((0, 4, 3, true), (checkedOnly.ExitCode, check.RowsRead, check.RowsImported, check.ValidateOnly));
        Assert.Equal(0, imported.ExitCode);
        var rows = TableRows(imported.Out.Text);
        Assert.Contains(["4", "3", "1", "1", "0", "12,731", "2"], rows);
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "9028100" && r[3] == "no");
        Assert.Contains("The schedule is replaced.", imported.Out.Text, StringComparison.Ordinal);
        Assert.Contains($"Bytes sent: {new FileInfo(plain).Length:N0} of {new FileInfo(plain).Length:N0}", imported.Error.Text, StringComparison.Ordinal);
        Assert.Contains("Rows read: 4", imported.Error.Text, StringComparison.Ordinal);
        Assert.Contains(TableRows(meters.Out.Text), r => r[0] == "90281000" && r[2] == "17 cents each + 2.5%");
    }

    [Fact]
    public async Task Import_OnATerminal_DrawsBothProgressBarsToTheEnd()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        using var folder = new TempDirectory();
        var file = await CsvFileAsync(folder);

        var run = await Cli.For(tariff: host).OnATerminal().RunAsync("import", file, "--validate-only");

        // The bars' last drawing, escapes aside: every row counted and every byte sent, at 100%.
        var drawn = Regex.Replace(run.Error.Text, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Rows read: 4 [━ ]+100%", drawn);
        Assert.Matches($@"Bytes sent: {new FileInfo(file).Length:N0} of {new FileInfo(file).Length:N0} [━ ]+100%", drawn);
    }

    /// <summary>The four rows as a USITC file is written: Latin-1.</summary>
    private static async Task<string> CsvFileAsync(TempDirectory folder)
    {
        var file = Path.Combine(folder.Path, "tariff_database_2030.csv");
        await File.WriteAllTextAsync(file, Csv, System.Text.Encoding.Latin1);
        return file;
    }
}
