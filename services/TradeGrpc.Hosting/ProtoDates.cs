using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>Conversions between google.type.Date and <see cref="DateOnly"/>.</summary>
public static class ProtoDates
{
    public static Google.Type.Date ToProtoDate(this DateOnly date) =>
        new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The calendar day of a request's date field; INVALID_ARGUMENT naming <paramref name="field"/> when it is no full, real day.</summary>
    public static DateOnly ToDateOnly(this Google.Type.Date date, string field)
    {
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            throw new InvalidRequestException("INVALID_DATE",
                new RequestFieldError(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} is not a full calendar date."));
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }
}
