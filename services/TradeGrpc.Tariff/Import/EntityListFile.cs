using System.Text.Json;
using Google.Protobuf;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Reads an Entity List data file: <c>{"entities": [...]}</c>, each entry a
/// <c>trade.tariff.v1.Entity</c> in its proto3 JSON form, as CreateEntity takes it.
/// Other top-level properties (a source note) are ignored; unknown entry fields are errors.
/// </summary>
public static class EntityListFile
{
    public const string RelativePath = "export-controls/entity_list.json";

    public static IReadOnlyList<Entity> Read(Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The file has no \"entities\" array.");
        }

        return [.. entities.EnumerateArray().Select(entry => JsonParser.Default.Parse<Entity>(entry.GetRawText()))];
    }
}
