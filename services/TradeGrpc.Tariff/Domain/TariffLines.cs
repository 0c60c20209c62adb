namespace TradeGrpc.Tariff.Domain;

/// <summary>How the schedule's subheadings are named: <c>tariffLines/{hts8}</c>.</summary>
public static class TariffLines
{
    public const string CollectionId = "tariffLines";

    public static string NameOf(TariffLineRecord line) => $"{CollectionId}/{line.Hts8}";
}
