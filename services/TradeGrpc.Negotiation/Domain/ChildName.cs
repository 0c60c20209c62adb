using System.Globalization;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>A part of the talks, named under its negotiation: <c>negotiations/{id}/{collection}/{number}</c>.</summary>
public sealed record ChildName(string Negotiation, string Collection, int Number)
{
    public const string Rounds = "rounds";
    public const string Issues = "issues";
    public const string Drafts = "drafts";
    public const string Commitments = "commitments";
    public const string Statements = "statements";

    /// <summary>The negotiation's id, the part after <c>negotiations/</c>.</summary>
    public string NegotiationId => Negotiation[(Domain.Negotiation.CollectionId.Length + 1)..];

    /// <summary>Reads a name whose shape the request's rules have checked already.</summary>
    public static ChildName Parse(string name)
    {
        var parts = name.Split('/');
        return new ChildName($"{parts[0]}/{parts[1]}", parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>A name a request gives as a link (a statement's issues, a provision's commitments), if it names a <paramref name="collection"/> item of <paramref name="negotiation"/>.</summary>
    public static ChildName? TryParseUnder(string negotiation, string collection, string name) =>
        name.StartsWith($"{negotiation}/{collection}/", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(negotiation.Length + collection.Length + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new ChildName(negotiation, collection, number)
            : null;

    public static string Of(string negotiation, string collection, int number) => $"{negotiation}/{collection}/{number}";

    public override string ToString() => Of(Negotiation, Collection, Number);
}
