using TradeGrpc.Errors;

namespace TradeGrpc.Tariff.Domain;

/// <summary>Reads of the schedule by resource name and code prefix.</summary>
public sealed class TariffLines(TariffBook book)
{
    public const string CollectionId = "tariffLines";

    public TariffLineRecord Get(string name, DateOnly? asOf)
    {
        var hts8 = name[(CollectionId.Length + 1)..];
        return book.Schedule.Find(hts8, asOf) ?? throw new NotFoundException("TARIFF_LINE_NOT_FOUND", name);
    }

    public IReadOnlyList<TariffLineRecord> List(string codePrefix, string? after, int limit) =>
        book.Schedule.List(codePrefix.Replace(".", "", StringComparison.Ordinal), after, limit);

    public static string NameOf(TariffLineRecord line) => $"{CollectionId}/{line.Hts8}";
}
