using System.Globalization;
using TradeGrpc.Errors;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>A run of calendar days, the first and the last included.</summary>
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => From <= day && day <= To;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}");

    /// <summary>The window from <paramref name="from"/> through <paramref name="to"/>: both given, the first not after the last.</summary>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <param name="owner">Where the two days sit in the input, with a trailing dot (<c>GeneralLicenses[0].</c>); empty at its top.</param>
    public static DateWindow Between(DateOnly? from, DateOnly? to, string owner = "")
    {
        var first = from ?? throw Missing($"{owner}ValidFrom");
        var last = to ?? throw Missing($"{owner}ValidTo");
        return last < first
            ? throw new InvalidInputException("INVALID_DATE_RANGE", new FieldError($"{owner}ValidTo", "must not be before the start date."))
            : new DateWindow(first, last);
    }

    private static InvalidInputException Missing(string field) => new("VALIDITY_REQUIRED", new FieldError(field, "is required."));
}
