using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

public sealed record Member(string Name, string Title, string Office, bool Lead);

/// <summary>A party's delegation to the talks.</summary>
public sealed record Delegation(string Party, IReadOnlyList<Member> Members);

/// <summary>
/// Talks between parties (ISO 3166-1 alpha-2 codes): the root every change of the talks goes
/// through. It holds what the rules of every part need (the parties, the delegations, where the
/// talks stand) and counts its changes; the rounds, issues, drafts, commitments and statements are
/// entities of their own, read and written by key.
/// </summary>
public sealed class Negotiation(
    string id,
    string title,
    IReadOnlyList<string> parties,
    IReadOnlyList<Delegation> delegations,
    NegotiationState state,
    DateTimeOffset createTime,
    DateTimeOffset updateTime,
    long version)
{
    public const string CollectionId = "negotiations";

    public string Id { get; } = id;

    public string Title { get; } = title;

    public IReadOnlyList<string> Parties { get; } = parties;

    /// <summary>Each party's delegation, by party code.</summary>
    public IReadOnlyList<Delegation> Delegations { get; private set; } = delegations;

    public NegotiationState State { get; private set; } = state;

    public DateTimeOffset CreateTime { get; } = createTime;

    public DateTimeOffset UpdateTime { get; private set; } = updateTime;

    /// <summary>Goes up by one with every change to the talks, whichever part it touches.</summary>
    public long Version { get; private set; } = version;

    public string Name => NameOf(Id);

    public string Etag => $"\"{Version}\"";

    public static string NameOf(string id) => $"{CollectionId}/{id}";

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];

    public static (Negotiation Negotiation, TalkEvent Created) Open(string id, string title, IReadOnlyList<string> parties, DateTimeOffset now)
    {
        if (parties.Distinct(StringComparer.Ordinal).Count() != parties.Count || parties.Count < 2)
        {
            throw new InvalidInputException("PARTIES", new FieldError("Parties", "talks need two or more parties, each named once"));
        }

        var negotiation = new Negotiation(id, title, parties, [], NegotiationState.Active, now, now, 1);
        return (negotiation, new TalkEvent(TalkEventKind.NegotiationCreated, negotiation.Name,
            $"Negotiation '{title}' between {string.Join(", ", parties)} recorded."));
    }

    /// <summary>Counts a change made at <paramref name="now"/>.</summary>
    public void Changed(DateTimeOffset now)
    {
        UpdateTime = now;
        Version++;
    }

    /// <summary>Sets (or replaces) a party's delegation; at most one member leads it.</summary>
    public TalkEvent SetDelegation(Delegation delegation)
    {
        RequireParty(delegation.Party, "delegation");
        if (delegation.Members.Count(m => m.Lead) > 1)
        {
            throw new InvalidInputException("TWO_LEADS", new FieldError("Members", "at most one member leads a delegation"));
        }

        Delegations = [.. Delegations.Where(d => d.Party != delegation.Party).Append(delegation).OrderBy(d => d.Party, StringComparer.Ordinal)];
        var lead = delegation.Members.FirstOrDefault(m => m.Lead)?.Name ?? "no lead named";
        return new TalkEvent(TalkEventKind.DelegationSet, Name, $"{delegation.Party} delegation set: {delegation.Members.Count} members, led by {lead}.");
    }

    /// <summary>Fails unless <paramref name="party"/>, in the <paramref name="role"/> the change gives it, is a party to the talks.</summary>
    public void RequireParty(string party, string role)
    {
        if (!Parties.Contains(party))
        {
            throw new RuleViolationException("PARTY_NOT_IN_NEGOTIATION", "PARTY", Name,
                $"{party} ({role}) is not a party to {Name}; its parties are {string.Join(", ", Parties)}.");
        }
    }

    /// <summary>Whether <paramref name="name"/> is a member of some delegation.</summary>
    public bool HasMember(string name) => Delegations.Any(d => d.Members.Any(m => m.Name == name));

    /// <summary>
    /// Where the talks stand after a change to their rounds: active until a round ends in impasse or
    /// collapse (stalled); resumed when a later round starts or makes progress; concluded when a
    /// round ends in an agreement in principle.
    /// </summary>
    public void RoundsChanged(IEnumerable<Round> rounds)
    {
        var state = NegotiationState.Active;
        foreach (var round in rounds.OrderBy(r => r.StartDate).ThenBy(r => r.Number))
        {
            state = (round.Status, round.Outcome) switch
            {
                (RoundStatus.InProgress, _) or (RoundStatus.Ended, RoundOutcomeKind.Progress) when state == NegotiationState.Stalled => NegotiationState.Resumed,
                (RoundStatus.Ended, RoundOutcomeKind.Impasse or RoundOutcomeKind.Collapse) => NegotiationState.Stalled,
                (RoundStatus.Ended, RoundOutcomeKind.AgreementInPrinciple) => NegotiationState.Concluded,
                _ => state,
            };
        }

        State = state;
    }
}
