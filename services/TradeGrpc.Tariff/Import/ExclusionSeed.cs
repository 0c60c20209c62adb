using System.Text.Json;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Builds the granted exclusions of <c>exclusions/exclusions.json</c>: each names its measure, its
/// code, its window and, when limited, the importer it is for and its allowance.
/// </summary>
public static class ExclusionSeed
{
    public const string File = "exclusions/exclusions.json";

    private sealed record Definition(
        string Id, string Measure, string HsCode, string Requester, string ProductDescription, DateOnly ValidFrom, DateOnly ValidTo,
        string? Importer, Allowance? Allowance);

    private sealed record Definitions(Definition[] Exclusions);

    public static IReadOnlyList<ExclusionRecord> Build(BundledData data, DateTimeOffset now)
    {
        using var stream = System.IO.File.OpenRead(Path.Combine(data.Directory, File));
        var definitions = JsonSerializer.Deserialize<Definitions>(stream, JsonSerializerOptions.Web) ?? throw new FormatException($"{File} is empty.");
        return [.. definitions.Exclusions.Select(d => new ExclusionRecord(
            d.Id, d.Measure, d.HsCode, d.Requester, d.ProductDescription, ExclusionStatus.Granted, "", d.ValidFrom, d.ValidTo, now, now)
        {
            Importer = d.Importer ?? "",
            Allowance = d.Allowance,
        })];
    }
}
