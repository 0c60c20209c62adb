using System.Data;
using System.Globalization;
using Dapper;

namespace TradeGrpc.Storage;

/// <summary>
/// How values the stores keep as text travel through Dapper, the same on both providers: days as
/// <c>yyyy-MM-dd</c>, instants as fixed-width UTC text (so that text order is time order), and
/// decimal amounts and rates exactly, as invariant text.
/// </summary>
public static class DapperTypes
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        // Columns are snake_case; the row classes' properties PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper maps these natively; a handler of our own takes over only once that map is gone.
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(decimal));
        SqlMapper.AddTypeHandler(new DayHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Dapper hands a nullable column to Npgsql's own reader, which reads no date from text: such columns are read as text.

    /// <summary>The day a nullable text column holds, if any.</summary>
    public static DateOnly? Day(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant a nullable text column holds, if any.</summary>
    public static DateTimeOffset? Instant(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private sealed class DayHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override void SetValue(IDbDataParameter parameter, DateOnly value) => Text(parameter, Day(value));
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture);

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => Text(parameter, Instant(value));
    }

    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override decimal Parse(object value) => decimal.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void SetValue(IDbDataParameter parameter, decimal value) => Text(parameter, value.ToString(CultureInfo.InvariantCulture));
    }

    private static void Text(IDbDataParameter parameter, string value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value;
    }
}
