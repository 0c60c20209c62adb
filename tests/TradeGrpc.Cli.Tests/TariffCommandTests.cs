using System.Text.Json;
using Google.Protobuf;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Cli.Tests;

public sealed class TariffCommandTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private readonly Cli cli = Cli.For(tariff: fixture.Host);

    [Fact]
    public async Task Rates_FurnitureOfChinaInJuly2019_PrintsAFreeBaseAndList3At25Percent()
    {
        var run = await cli.RunAsync("rates", "9403.60.80", "--origin", "CN", "--date", "2019-07-01");

        // Wooden furniture prints Free as its general rate; list 3 went from 10% to 25% on 2019-05-10,
        // reported under 9903.88.03.
        Assert.Equal(0, run.ExitCode);
        var rows = TableRows(run.Out.Text);
        Assert.Contains(rows, r => r[0] == "" && r[2] == "Free" && r[3] == "");
        Assert.Contains(rows, r => r[0] == "9903.88.03" && r[2] == "25%" && r[3] == "measures/us-301-list-3");
    }

    [Fact]
    public async Task Quote_GasMetersOfChinaAfterList2_PrintsEachComponentAndTheTotal()
    {
        var run = await cli.RunAsync("quote", "9028.10.00", "--origin", "CN", "--date", "2018-09-01", "--value", "5000", "--quantity", "NO=100");

        // 16 cents each on 100 meters ($16) + 2.5% of $5,000 ($125) = $141; list 2 from 2018-08-23: 25% of $5,000 = $1,250.
        Assert.Equal(0, run.ExitCode);
        var rows = TableRows(run.Out.Text);
        Assert.Contains(rows, r => r[0] == "" && r[2] == "16 cents each + 2.5%" && r[3] == "141.00 USD");
        Assert.Contains(rows, r => r[0] == "9903.88.02" && r[2] == "25%" && r[3] == "1,250.00 USD");
        Assert.Contains("Total duty: 1,391.00 USD", run.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_SteelOfAQuotaCountryBeyondAnExclusion_PrintsWhatIsLeftOfTheExclusionAndOfTheQuota()
    {
        var measures = new MeasureService.MeasureServiceClient(fixture.Host.Channel);
        var importer = $"steel-{Guid.NewGuid():N}"[..20];
        var measure = await QuotaMeasures.CreateAsync(measures, 2024);
        var exclusion = await QuotaMeasures.GrantExclusionAsync(measures, measure, 2024, 10, importer);

        var run = await cli.RunAsync("quote", "7210.49.00", "--origin", "KR", "--date", "2024-02-01", "--value", "15000", "--quantity", "T=15", "--importer", importer);

        // The exclusion's 10 t are lifted from the measure; the 5 t beyond count against the quarter's quota, all of it left.
        Assert.Equal(0, run.ExitCode);
        // The bundled Section 232 steel measure prints a row of its own under the same heading: Korea's quota in it counts nothing.
        var row = Assert.Single(TableRows(run.Out.Text), r => r[1].StartsWith("Steel quota", StringComparison.Ordinal));
        Assert.Equal($"{exclusion.Name}: 10 T left; {measure}/quotas/KR/2024-01-01: 100 T left", row[^1]);
    }

    [Fact]
    public async Task Quote_Json_PrintsTheQuoteDutyResponse()
    {
        var run = await cli.RunAsync("quote", "9403.60.80", "--origin", "CN", "--date", "2019-06-10", "--export-date", "2019-05-05", "--value", "10000", "--json");

        // Exported before 2019-05-10 and entered before 2019-06-15: list 3 stays at 10% of $10,000.
        Assert.Equal(0, run.ExitCode);
        var quote = JsonParser.Default.Parse<QuoteDutyResponse>(run.Out.Text);
        Assert.Equal((1000L, "9903.88.09"), (quote.TotalDuty.Units, quote.Lines[0].Components[^1].Heading));
    }

    [Fact]
    public async Task Rates_CodeOfSevenDigits_ExitsWithInvalidArgumentNamingTheField()
    {
        var run = await cli.RunAsync("rates", "9403608", "--origin", "CN", "--date", "2019-07-01");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: INVALID_ARGUMENT INVALID_REQUEST: hts_code", run.Error.Text, StringComparison.Ordinal);
        Assert.Single(run.Error.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out.Text);
    }

    [Fact]
    public async Task Rates_UnknownCodeWithJson_PrintsTheStatusAsJsonAndExitsNotFound()
    {
        var run = await cli.RunAsync("rates", "9999.99.99", "--origin", "CN", "--date", "2019-07-01", "--json");

        Assert.Equal(5, run.ExitCode);
        using var status = JsonDocument.Parse(run.Error.Text);
        Assert.Equal(5, status.RootElement.GetProperty("code").GetInt32());
        var info = status.RootElement.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString()!.EndsWith("ErrorInfo", StringComparison.Ordinal));
        Assert.Equal("TARIFF_LINE_NOT_FOUND", info.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Rates_WithoutAToken_ExitsUnauthenticatedWithTheReason()
    {
        var run = await new Cli(fixture.Host.Address, token: "").RunAsync("rates", "9403.60.80", "--origin", "CN", "--date", "2019-07-01");

        Assert.Equal(16, run.ExitCode);
        Assert.StartsWith("error: UNAUTHENTICATED CREDENTIALS_MISSING", run.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rates_AddressAndTokenFromAConfigFile_AnOptionBeatsTheEnvironment()
    {
        using var folder = new TempDirectory();
        var config = Path.Combine(folder.Path, "config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { tariff = fixture.Host.Address.ToString(), token = TestAuthority.Superuser }));
        var unset = cli.With("TRADEGRPC_TARIFF", null).With("TRADEGRPC_TOKEN", null);
        string[] rates = ["rates", "9403.60.80", "--origin", "CN", "--date", "2019-07-01"];

        var fromFile = await unset.RunAsync([.. rates, "--config", config]);
        var fromEnvironmentFile = await unset.With("TRADEGRPC_CONFIG", config).RunAsync(rates);
        var optionOverEnvironment = await cli.With("TRADEGRPC_TARIFF", "http://127.0.0.1:9").RunAsync([.. rates, "--tariff", fixture.Host.Address.ToString()]);
        var environmentOverFile = await unset.With("TRADEGRPC_TOKEN", "not-a-token").RunAsync([.. rates, "--config", config]);
        var missingFile = await unset.RunAsync([.. rates, "--config", Path.Combine(folder.Path, "none.json")]);

        Assert.Equal((0, 0, 0), (fromFile.ExitCode, fromEnvironmentFile.ExitCode, optionOverEnvironment.ExitCode));
        Assert.Equal(16, environmentOverFile.ExitCode);
        Assert.StartsWith("error: UNAUTHENTICATED TOKEN_MALFORMED", environmentOverFile.Error.Text, StringComparison.Ordinal);
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("none.json does not exist", missingFile.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_PrefixAndLimit_ListsThatManyLinesAndSaysMoreFollow()
    {
        var run = await cli.RunAsync("lines", "9403", "--limit", "2", "--json");
        var text = await cli.RunAsync("lines", "9403", "--limit", "2");

        // Heading 9403 (other furniture and parts) holds dozens of lines; the first two in code order are shown.
        var lines = JsonParser.Default.Parse<ListTariffLinesResponse>(run.Out.Text);
        Assert.Equal(2, lines.TariffLines.Count);
        Assert.All(lines.TariffLines, l => Assert.StartsWith("9403", l.Hts8, StringComparison.Ordinal));
        Assert.NotEmpty(lines.NextPageToken);
        Assert.Contains("More follow", text.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_OfChinaIntoTheUs_ListsTheSection301Lists()
    {
        var run = await cli.RunAsync("measures", "--into", "US", "--origin", "CN", "--json");

        Assert.Equal(0, run.ExitCode);
        var measures = JsonParser.Default.Parse<ListMeasuresResponse>(run.Out.Text);
        Assert.Contains(measures.Measures, m => m.Name == "measures/us-301-list-3" && m.Phases.Select(p => p.AdValoremPercent.Value).SequenceEqual(["10", "25"]));
    }

    [Fact]
    public async Task Exclusions_RequestedThenGranted_ListsItGrantedAndTheQuoteDropsList1()
    {
        var requested = await cli.RunAsync("exclusions", "request", "--measure", "us-301-list-1", "--code", "8411.99.10", "--requester", "Acme Turbines", "--json");
        var name = JsonParser.Default.Parse<Exclusion>(requested.Out.Text).Name;
        var granted = await cli.RunAsync("exclusions", "decide", name, "--grant", "--heading", "9903.88.05", "--end", "2019-12-28");
        var listed = await cli.RunAsync("exclusions", "list", "--measure", "us-301-list-1", "--state", "granted", "--json");
        var quote = await cli.RunAsync("quote", "8411.99.10", "--origin", "CN", "--date", "2018-09-01", "--value", "10000", "--json");

        // Granted exclusions apply from the list's start (2018-07-06): the turbine parts owe the base rate only.
        Assert.Equal((0, 0), (requested.ExitCode, granted.ExitCode));
        Assert.Matches(@"State +granted", granted.Out.Text);
        Assert.Contains(JsonParser.Default.Parse<ListExclusionsResponse>(listed.Out.Text).Exclusions, e => e.Name == name && e.State == ExclusionState.Granted);
        Assert.Equal([name], JsonParser.Default.Parse<QuoteDutyResponse>(quote.Out.Text).Lines[0].ExclusionsApplied);
    }

    [Fact]
    public async Task Exclusions_RequestedWithAnAllowanceAndGrantedLess_HoldWhatWasGranted()
    {
        var requested = await cli.RunAsync("exclusions", "request", "--measure", "us-301-list-1", "--code", "8411.99.10", "--requester", "Acme Turbines",
            "--importer", "acme-turbines", "--allowance", "500 NO", "--json");
        var asked = JsonParser.Default.Parse<Exclusion>(requested.Out.Text);
        var granted = await cli.RunAsync("exclusions", "decide", asked.Name, "--grant", "--end", "2019-12-28", "--allowance", "200 no", "--json");

        Assert.Equal((0, 0), (requested.ExitCode, granted.ExitCode));
        Assert.Equal(("NO", "500"), (asked.Allowance.Quantity.Unit, asked.Allowance.Quantity.Value.Value));
        var decided = JsonParser.Default.Parse<Exclusion>(granted.Out.Text);
        Assert.Equal(("NO", "200", ExclusionState.Granted), (decided.Allowance.Quantity.Unit, decided.Allowance.Quantity.Value.Value, decided.State));
    }

    [Fact]
    public async Task ExclusionsRequest_AllowanceWithoutAUnit_ExitsSayingHowToWriteIt()
    {
        var run = await cli.RunAsync("exclusions", "request", "--measure", "us-301-list-1", "--code", "8411.99.10", "--requester", "Acme Turbines", "--allowance", "500");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--allowance must be an amount and a unit, such as '100 T' or '30000 USD', not '500'", run.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExclusionsDecide_NeitherGrantNorDeny_ExitsWithTheUsage()
    {
        var run = await cli.RunAsync("exclusions", "decide", "exclusions/x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Give one of --grant and --deny.", run.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AnalystFromTheDevelopmentFolder_IsATokenTheServiceAccepts()
    {
        var folder = Path.GetDirectoryName(TestAuthority.CaFile)!;

        var minted = await cli.RunAsync("token", "analyst", "--folder", folder, "--org", "Example Analyst");
        var run = await new Cli(fixture.Host.Address, token: minted.Out.Text.Trim()).RunAsync("rates", "9403.60.80", "--origin", "CN", "--date", "2019-07-01");

        Assert.Equal((0, 0), (minted.ExitCode, run.ExitCode));
    }

    /// <summary>The rows of the tables in <paramref name="text"/>, headers included, each cell trimmed.</summary>
    internal static List<string[]> TableRows(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray())];
}
