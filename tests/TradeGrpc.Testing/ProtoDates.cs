namespace TradeGrpc.Testing;

/// <summary>Calendar days as the contracts carry them.</summary>
public static class ProtoDates
{
    public static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
