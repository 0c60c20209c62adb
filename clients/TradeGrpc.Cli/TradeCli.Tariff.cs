using System.CommandLine;
using Google.Protobuf.Collections;
using Spectre.Console.Rendering;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Cli.Formats;

namespace TradeGrpc.Cli;

/// <summary>The tariff book: quote, rates, lines, measures (and import, in its own file).</summary>
public sealed partial class TradeCli
{
    private IEnumerable<Command> TariffCommands() => [Quote(), Rates(), Lines(), Measures(), Import()];

    private static Argument<string> CodeArgument() => new("code") { Description = "HTS code, 6 to 10 digits, dots allowed: 9403.60.80" };

    private static Option<string> OriginOption() => new("--origin") { Description = "Country of origin, ISO 3166-1 alpha-2: CN", Required = true };

    private static Option<string> IntoOption() => new("--into") { Description = "The country the goods enter: US or CN", DefaultValueFactory = _ => "US" };

    private static Option<DateOnly> DateOption() => new("--date") { Description = "Entry date, yyyy-mm-dd: the rates in force that day apply", Required = true };

    private static Option<DateOnly?> ExportDateOption() => new("--export-date") { Description = "The date the goods left the country of export, yyyy-mm-dd (list 3's transit rule)" };

    private static Option<int> LimitOption() => new("--limit") { Description = "At most this many, read a page at a time", DefaultValueFactory = _ => 100 };

    private Command Quote()
    {
        var code = CodeArgument();
        var (origin, into, date, exportDate) = (OriginOption(), IntoOption(), DateOption(), ExportDateOption());
        var value = new Option<decimal>("--value") { Description = "Customs value in USD", Required = true };
        var quantities = new Option<string[]>("--quantity") { Description = "A quantity as UNIT=AMOUNT, for a specific rate: NO=100, KG=2.5, T=1000 (repeat for several)" };
        var program = new Option<string>("--program") { Description = "A preference program claimed, as the schedule prints it: KR, CA, P" };
        var importer = new Option<string>("--importer") { Description = "The importer of record, for an exclusion granted to one importer" };
        var command = new Command("quote", "The duty on one line of an entry, component by component")
        {
            code, origin, into, date, exportDate, value, quantities, program, importer,
        };
        return Handle(command, async (session, parse, ct) =>
        {
            var line = new QuoteLine
            {
                HtsCode = parse.GetRequiredValue(code),
                OriginCountry = parse.GetRequiredValue(origin),
                ExportDate = ToDate(parse.GetValue(exportDate)),
                CustomsValue = Usd(parse.GetValue(value)),
                PreferenceProgram = parse.GetValue(program) ?? "",
                Importer = parse.GetValue(importer) ?? "",
            };
            line.Quantities.AddRange((parse.GetValue(quantities) ?? []).Select(Quantity));
            var quote = await session.Tariff.QuoteDutyAsync(
                new QuoteDutyRequest { ImportingCountry = parse.GetRequiredValue(into), EntryDate = ToDate(parse.GetValue(date)), Lines = { line } },
                cancellationToken: ct);
            session.Print(quote, q => q.Lines.SelectMany(l => l.ExclusionsApplied).Select(e => Line($"Excluded by {e}"))
                .Concat(Components([.. q.Lines.SelectMany(l => l.Components)]))
                .Append(Line($"Total duty: {Show(q.TotalDuty)}{(q.DeMinimis ? " (de minimis: the entry owes nothing)" : "")}")));
        });
    }

    /// <summary>
    /// The components of a quote; with an Allowance column only when a component draws on one, saying what
    /// was left of it and, for goods beyond an exclusion that count against a quota, of the quota too.
    /// </summary>
    private static IEnumerable<IRenderable> Components(IReadOnlyList<DutyComponent> components)
    {
        var allowances = components.Any(c => c.Allowance is not null);
        var table = allowances ? Table("Heading", "Description", "Rate", "Amount", "Allowance") : Table("Heading", "Description", "Rate", "Amount");
        foreach (var c in components)
        {
            string[] cells = [c.Heading, c.Description, c.RateText, Show(c.Amount)];
            table.Row(allowances ? [.. cells, string.Join("; ", new[] { c.Allowance, c.QuotaDraw }.OfType<AllowanceDraw>().Select(d => $"{d.Source}: {Amount(d.Remaining)} left"))] : cells);
        }

        yield return table;
    }

    private static string Amount(Allowance allowance) =>
        allowance.AmountCase == Allowance.AmountOneofCase.Value ? Show(allowance.Value) : $"{allowance.Quantity.Value.Value} {allowance.Quantity.Unit}";

    private static Quantity Quantity(string text) =>
        text.Split('=') is [var unit, var amount] && unit.Length > 0 && amount.Length > 0
            ? new Quantity { Unit = unit.ToUpperInvariant(), Value = new Google.Type.Decimal { Value = amount } }
            : throw new CliException($"--quantity takes UNIT=AMOUNT, such as NO=100, not '{text}'");

    private Command Rates()
    {
        var code = CodeArgument();
        var (origin, into, date, exportDate) = (OriginOption(), IntoOption(), DateOption(), ExportDateOption());
        var command = new Command("rates", "The rates that apply to a code of an origin on a day, without money") { code, origin, into, date, exportDate };
        return Handle(command, async (session, parse, ct) =>
        {
            var rates = await session.Tariff.LookupRatesAsync(new LookupRatesRequest
            {
                HtsCode = parse.GetRequiredValue(code),
                OriginCountry = parse.GetRequiredValue(origin),
                ImportingCountry = parse.GetRequiredValue(into),
                EntryDate = ToDate(parse.GetValue(date)),
                ExportDate = ToDate(parse.GetValue(exportDate)),
            }, cancellationToken: ct);
            session.Print(rates, r =>
            {
                var table = Table("Heading", "Description", "Rate", "Measure", "Excluded by");
                foreach (var rate in r.Rates)
                {
                    table.Row(rate.Heading, rate.Description, rate.RateText, rate.Measure, rate.ExcludedBy);
                }

                var special = Table("Special rate", "Programs");
                foreach (var s in r.SpecialRates)
                {
                    special.Row(s.RateText, string.Join(", ", s.Programs));
                }

                return r.SpecialRates.Count == 0 ? [Line($"{r.HtsCode}: {r.Description}"), table] : [Line($"{r.HtsCode}: {r.Description}"), table, special];
            });
        });
    }

    private Command Lines()
    {
        var prefix = new Argument<string>("prefix") { Description = "The lines whose code starts so: 9403.60", DefaultValueFactory = _ => "" };
        var limit = LimitOption();
        var command = new Command("lines", "Tariff lines of the schedule, by code prefix") { prefix, limit };
        return Handle(command, async (session, parse, ct) =>
        {
            var (lines, next) = await PagesAsync(parse.GetValue(limit), async (token, size) =>
            {
                var page = await session.Tariff.ListTariffLinesAsync(
                    new ListTariffLinesRequest { CodePrefix = parse.GetValue(prefix), PageSize = size, PageToken = token }, cancellationToken: ct);
                return (page.TariffLines, page.NextPageToken);
            });
            session.Print(new ListTariffLinesResponse { TariffLines = { lines }, NextPageToken = next }, r =>
            {
                var table = Table("Code", "Description", "MFN rate", "Special", "Column 2", "Units", "From", "To");
                foreach (var l in r.TariffLines)
                {
                    table.Row(l.Hts8, l.Description, l.MfnRateText, l.SpecialRateText, l.Column2RateText,
                        string.Join(", ", new[] { l.Quantity1Unit, l.Quantity2Unit }.Where(u => u.Length > 0)), Show(l.StartDate), Show(l.EndDate));
                }

                return More(table, r.NextPageToken);
            });
        });
    }

    private Command Measures()
    {
        var into = new Option<string>("--into") { Description = "Measures of the country the goods enter: US or CN" };
        var origin = new Option<string>("--origin") { Description = "Measures on goods of this origin" };
        var state = new Option<string>("--state") { Description = "proposed, announced, in-effect, suspended or withdrawn" };
        var limit = LimitOption();
        var command = new Command("measures", "Measures on top of the schedule (Section 301 and 232, China's retaliation), each with its rate phases")
        {
            into, origin, state, limit,
        };
        return Handle(command, async (session, parse, ct) =>
        {
            var (country, of) = (parse.GetValue(into) ?? "", parse.GetValue(origin) ?? "");
            var inState = parse.GetValue(state) is { } s ? ParseEnum<MeasureState>(s, "--state") : MeasureState.Unspecified;
            var (measures, next) = await PagesAsync(parse.GetValue(limit), async (token, size) =>
            {
                var page = await session.Measures.ListMeasuresAsync(new ListMeasuresRequest
                {
                    ImportingCountry = country, OriginCountry = of, State = inState, View = MeasureView.Basic, PageToken = token, PageSize = size,
                }, cancellationToken: ct);
                return (page.Measures, page.NextPageToken);
            });
            session.Print(new ListMeasuresResponse { Measures = { measures }, NextPageToken = next }, r =>
            {
                var table = Table("Measure", "Title", "Into", "Origins", "State", "Phases");
                foreach (var m in r.Measures)
                {
                    table.Row(m.Name, m.Title, m.ImportingCountry, string.Join(" ", m.OriginCountries), Show(m.State),
                        string.Join("; ", m.Phases.Select(p => $"{Percent(p.AdValoremPercent)} from {Show(p.EffectiveDate)}"))
                        + (m.SuspensionDate is null ? "" : $"; suspended from {Show(m.SuspensionDate)}"));
                }

                return More(table, r.NextPageToken);
            });
        });
    }

    /// <summary>Reads pages of at most <paramref name="limit"/> items in all; returns them and the token of the page after, if there are more.</summary>
    private static async Task<(List<T> Items, string Next)> PagesAsync<T>(int limit, Func<string, int, Task<(RepeatedField<T> Items, string Next)>> page)
    {
        if (limit < 1)
        {
            throw new CliException("--limit must be at least 1");
        }

        var items = new List<T>();
        var next = "";
        do
        {
            var (some, after) = await page(next, Math.Min(limit - items.Count, 1000));
            items.AddRange(some);
            next = after;
        }
        while (next.Length > 0 && items.Count < limit);

        return (items, next);
    }

    /// <summary>The table, and a note when the list goes on past it.</summary>
    private static IEnumerable<IRenderable> More(IRenderable table, string next) =>
        next.Length == 0 ? [table] : [table, Line("More follow: raise --limit to see them.")];
}
