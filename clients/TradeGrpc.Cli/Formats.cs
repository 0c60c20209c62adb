using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Google.Type;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace TradeGrpc.Cli;

/// <summary>How the command line reads values from its arguments and shows them in tables.</summary>
internal static partial class Formats
{
    public static Date ToDate(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Date? ToDate(DateOnly? day) => day is { } d ? ToDate(d) : null;

    public static Money Usd(decimal amount) => new()
    {
        CurrencyCode = "USD",
        Units = (long)decimal.Truncate(amount),
        Nanos = (int)((amount - decimal.Truncate(amount)) * 1_000_000_000m),
    };

    /// <summary>An allowance as written on the command line: an amount and a unit, <c>100 T</c> or <c>30000 USD</c>.</summary>
    public static TradeGrpc.Tariff.V1.Allowance ParseAllowance(string text, string option)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            throw new CliException($"{option} must be an amount and a unit, such as '100 T' or '30000 USD', not '{text}'");
        }

        var unit = parts[1].ToUpperInvariant();
        return unit == "USD"
            ? new TradeGrpc.Tariff.V1.Allowance { Value = Usd(amount) }
            : new TradeGrpc.Tariff.V1.Allowance
            {
                Quantity = new TradeGrpc.Tariff.V1.Quantity { Unit = unit, Value = new Google.Type.Decimal { Value = amount.ToString(CultureInfo.InvariantCulture) } },
            };
    }

    /// <summary>A resource name: <paramref name="name"/> as given when it has the collection, else in it (<c>abc</c> as <c>negotiations/abc</c>).</summary>
    public static string Named(string collection, string name) =>
        name.StartsWith(collection + "/", StringComparison.Ordinal) ? name : $"{collection}/{name}";

    /// <summary>An enum value given as its name's tail, in any case and with - or _: <c>pending</c> or <c>in-effect</c>.</summary>
    public static T ParseEnum<T>(string text, string option)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            && System.Enum.IsDefined(value) && Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0
            ? value
            : throw new CliException($"{option} must be one of {string.Join(", ", System.Enum.GetValues<T>().Skip(1).Select(Show))}, not '{text}'");

    public static string Show(Money? money) =>
        money is null ? "" : $"{(money.Units + (money.Nanos / 1_000_000_000m)).ToString("#,0.00", CultureInfo.InvariantCulture)} {money.CurrencyCode}";

    public static string Show(Date? date) => date is null ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";

    public static string Show(Timestamp? time) => time is null ? "" : time.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Percent(Google.Type.Decimal? rate) => rate is null || rate.Value.Length == 0 ? "" : rate.Value + "%";

    /// <summary>An enum value in words: <c>RoundState.InProgress</c> as <c>in-progress</c>, the spelling options take.</summary>
    public static string Show<T>(T value)
        where T : struct, System.Enum => Words().Replace(value.ToString(), "-").ToLowerInvariant();

    /// <summary>A table of <paramref name="columns"/> whose cells are plain text, never markup.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    public static Table Row(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
        return table;
    }

    /// <summary>Two columns, a label and its value, for one resource; fields without a value are left out.</summary>
    public static Table Fields(params (string Label, string Value)[] fields)
    {
        var grid = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("");
        foreach (var (label, value) in fields.Where(f => f.Value.Length > 0))
        {
            grid.Row(label, value);
        }

        return grid;
    }

    public static IRenderable Line(string text) => new Text(text + "\n");

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Words();
}
