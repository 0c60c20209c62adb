using System.Globalization;

namespace TradeGrpc.Negotiation.Domain.Talks;

/// <summary>A resource under a negotiation: <c>negotiations/{id}/{collection}/{number}</c>.</summary>
public sealed record ChildName(string Negotiation, string Collection, int Number)
{
    public const string Rounds = "rounds";
    public const string Issues = "issues";
    public const string Drafts = "drafts";
    public const string Commitments = "commitments";
    public const string Statements = "statements";

    /// <summary>Reads a name the request validation has already checked for shape.</summary>
    public static ChildName Parse(string name)
    {
        var parts = name.Split('/');
        return new ChildName($"{parts[0]}/{parts[1]}", parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    public static string Of(string negotiation, string collection, int number) => $"{negotiation}/{collection}/{number}";

    public override string ToString() => Of(Negotiation, Collection, Number);
}
