namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>An entity on the Entity List, as this service records it.</summary>
public sealed record ListedEntity(string Id, EntityListing Listing)
{
    public const string CollectionId = "entities";

    public string Name => NameOf(Id);

    public static string NameOf(string id) => $"{CollectionId}/{id}";

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];
}
