using System.Globalization;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>A run of calendar days, the first and the last included.</summary>
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => From <= day && day <= To;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}");
}
