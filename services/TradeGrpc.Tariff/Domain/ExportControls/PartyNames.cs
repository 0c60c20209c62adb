namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>How a party's name is matched against listed names: case and runs of white space do not count.</summary>
public static class PartyNames
{
    public static string Key(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
