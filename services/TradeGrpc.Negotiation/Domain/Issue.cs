namespace TradeGrpc.Negotiation.Domain;

/// <summary>A party's stance on a sticking point.</summary>
public sealed record Position(string Party, StanceKind Stance, string Text, DateOnly? Date);

/// <summary>A sticking point raised by one party, with each party's latest position.</summary>
public sealed class Issue(string negotiationName, int number, string title, IssueCategoryKind category, string demandedBy, IssueStatusKind status,
    IReadOnlyList<Position> positions)
{
    public string NegotiationName { get; } = negotiationName;

    public int Number { get; } = number;

    public string Name => ChildName.Of(NegotiationName, ChildName.Issues, Number);

    public string Title { get; } = title;

    public IssueCategoryKind Category { get; } = category;

    public string DemandedBy { get; } = demandedBy;

    public IssueStatusKind Status { get; private set; } = status;

    /// <summary>Each party's latest position, the most recent last.</summary>
    public IReadOnlyList<Position> Positions { get; private set; } = positions;

    /// <summary>Raises issue <paramref name="number"/>; the party that demands it must be a party to the talks.</summary>
    public static (Issue Issue, TalkEvent Raised) Raise(Negotiation negotiation, int number, string title, IssueCategoryKind category, string demandedBy)
    {
        negotiation.RequireParty(demandedBy, "demanding the issue");
        var issue = new Issue(negotiation.Name, number, title, category, demandedBy, IssueStatusKind.Open, []);
        return (issue, new TalkEvent(TalkEventKind.IssueRaised, issue.Name, $"{demandedBy} raised '{title}' ({Words.Of(category)})."));
    }

    /// <summary>Records a party's position, replacing its earlier one.</summary>
    public TalkEvent RecordPosition(Negotiation negotiation, Position position)
    {
        negotiation.RequireParty(position.Party, "taking the position");
        Positions = [.. Positions.Where(p => p.Party != position.Party), position];
        return new TalkEvent(TalkEventKind.PositionRecorded, Name, $"{position.Party} {Words.Of(position.Stance)} on '{Title}'.");
    }

    private static readonly StateMoves<IssueStatusKind> Moves = new("ISSUE_STATE", new Dictionary<IssueStatusKind, IssueStatusKind[]>
    {
        [IssueStatusKind.Narrowed] = [IssueStatusKind.Open],
        [IssueStatusKind.Resolved] = [IssueStatusKind.Open, IssueStatusKind.Narrowed],
        [IssueStatusKind.Dropped] = [IssueStatusKind.Open, IssueStatusKind.Narrowed],
        [IssueStatusKind.Open] = [IssueStatusKind.Narrowed, IssueStatusKind.Resolved, IssueStatusKind.Dropped],
    });

    /// <summary>Narrows, resolves, drops or reopens the issue: an open issue is narrowed, resolved or dropped; any other is reopened.</summary>
    public TalkEvent ChangeStatus(IssueStatusKind status)
    {
        Moves.Check(Name, Status, status);
        Status = status;
        return new TalkEvent(TalkEventKind.IssueStatusChanged, Name, $"'{Title}' is now {Words.Of(status)}.");
    }
}
