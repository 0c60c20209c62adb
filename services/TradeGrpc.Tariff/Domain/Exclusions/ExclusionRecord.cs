namespace TradeGrpc.Tariff.Domain.Exclusions;

public enum ExclusionStatus
{
    Pending = 1,
    Granted = 2,
    Denied = 3,
}

/// <summary>A product exclusion from a measure. A granted one covers its code and the codes under it, from ValidFrom through ValidTo.</summary>
public sealed record ExclusionRecord(
    string Id,
    string MeasureId,
    string HtsCode,
    string Requester,
    string ProductDescription,
    ExclusionStatus Status,
    string Heading,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    DateTimeOffset CreateTime,
    DateTimeOffset? DecideTime)
{
    public const string CollectionId = "exclusions";

    public string Name => $"{CollectionId}/{Id}";

    public bool Covers(string measureId, string code, DateOnly entryDate) =>
        Status == ExclusionStatus.Granted && MeasureId == measureId && code.StartsWith(HtsCode, StringComparison.Ordinal)
        && ValidFrom <= entryDate && entryDate <= ValidTo;
}
