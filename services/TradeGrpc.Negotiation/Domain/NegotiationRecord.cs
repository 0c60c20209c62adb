namespace TradeGrpc.Negotiation.Domain;

/// <summary>Where a negotiation stands, derived from its rounds.</summary>
public enum NegotiationStatus
{
    Active = 1,
    Stalled = 2,
    Resumed = 3,
    Concluded = 4,
}

/// <summary>Talks between parties (ISO 3166-1 alpha-2 codes).</summary>
public sealed record NegotiationRecord(
    string Id,
    string Title,
    IReadOnlyList<string> Parties,
    NegotiationStatus Status,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version)
{
    public const string CollectionId = "negotiations";

    public string Name => $"{CollectionId}/{Id}";

    public string Etag => $"\"{Version}\"";
}
