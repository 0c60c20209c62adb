using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>Where a negotiation stands, derived from its rounds.</summary>
public enum NegotiationStatus
{
    Active = 1,
    Stalled = 2,
    Resumed = 3,
    Concluded = 4,
}

/// <summary>Talks between parties (ISO 3166-1 alpha-2 codes) and everything recorded about them.</summary>
public sealed record NegotiationRecord(
    string Id,
    string Title,
    IReadOnlyList<string> Parties,
    TalksRecord Talks,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version)
{
    public const string CollectionId = "negotiations";

    public string Name => $"{CollectionId}/{Id}";

    public string Etag => $"\"{Version}\"";

    /// <summary>
    /// Active until a round ends in impasse or collapse (stalled); resumed when a later round
    /// starts or makes progress; concluded when a round ends in an agreement in principle.
    /// </summary>
    public NegotiationStatus Status
    {
        get
        {
            var status = NegotiationStatus.Active;
            foreach (var round in Talks.Rounds.OrderBy(r => r.Start).ThenBy(r => r.Number))
            {
                status = (round.Status, round.Outcome) switch
                {
                    (RoundStatus.InProgress, _) or (RoundStatus.Ended, RoundOutcomeKind.Progress) when status == NegotiationStatus.Stalled => NegotiationStatus.Resumed,
                    (RoundStatus.Ended, RoundOutcomeKind.Impasse or RoundOutcomeKind.Collapse) => NegotiationStatus.Stalled,
                    (RoundStatus.Ended, RoundOutcomeKind.AgreementInPrinciple) => NegotiationStatus.Concluded,
                    _ => status,
                };
            }

            return status;
        }
    }

    public static string IdOf(string name) => name.Split('/')[1];
}
