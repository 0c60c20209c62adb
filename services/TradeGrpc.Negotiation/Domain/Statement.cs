using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>Who said it; an empty name for anonymous sources.</summary>
public sealed record Speaker(string Name, string Title, string Party);

/// <summary>What a statement says before it is recorded.</summary>
public sealed record StatementText(Speaker Speaker, AttributionKind Attribution, string Quote, DateOnly Date, string Source,
    IReadOnlyList<string> Issues, IReadOnlyList<string> Commitments);

/// <summary>Something said about the talks, attributed as the source attributes it.</summary>
public sealed record Statement(string NegotiationName, int Number, StatementText Text)
{
    public string Name => ChildName.Of(NegotiationName, ChildName.Statements, Number);

    /// <summary>Records statement <paramref name="number"/>; the issues and commitments it concerns exist.</summary>
    public static (Statement Statement, TalkEvent Recorded) Record(Negotiation negotiation, int number, StatementText text,
        Func<string, bool> issueExists, Func<string, bool> commitmentExists)
    {
        foreach (var issue in text.Issues.Where(i => !issueExists(i)))
        {
            throw new NotFoundException("ISSUE_NOT_FOUND", issue);
        }

        foreach (var commitment in text.Commitments.Where(c => !commitmentExists(c)))
        {
            throw new NotFoundException("COMMITMENT_NOT_FOUND", commitment);
        }

        var statement = new Statement(negotiation.Name, number, text);
        var speaker = text.Speaker.Name.Length > 0 ? text.Speaker.Name : Words.Of(text.Attribution);
        return (statement, new TalkEvent(TalkEventKind.StatementRecorded, statement.Name, $"{speaker} on {text.Date:yyyy-MM-dd}: \"{text.Quote}\""));
    }
}
