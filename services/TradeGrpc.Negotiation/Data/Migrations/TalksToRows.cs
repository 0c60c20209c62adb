using System.Data;
using System.Text.Json;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data.Migrations;

/// <summary>
/// Moves each negotiation's talks from the JSON document it was kept in (0002) to the rows of
/// 0003, in the form those rows take; request_ids recorded before it are kept as retries of
/// whatever they asked, since their fingerprints were taken another way.
/// </summary>
public sealed class TalksToRows() : CodeMigration("0004_talks_rows_from_document")
{
    public override string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        var documents = new List<(string Id, string Talks)>();
        using (var read = dbCommandFactory())
        {
            read.CommandText = "SELECT id, talks FROM negotiations ORDER BY seq";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                documents.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (id, talks) in documents)
        {
            using var document = JsonDocument.Parse(talks);
            Move(dbCommandFactory, id, document.RootElement);
        }

        Execute(dbCommandFactory, $"UPDATE request_log SET fingerprint = '{Commands.RequestFingerprint.Legacy}'", []);
        return "";
    }

    private static void Move(Func<IDbCommand> commands, string id, JsonElement talks)
    {
        Execute(commands, "UPDATE negotiations SET delegations = @delegations WHERE id = @id",
            [("@delegations", talks.GetProperty("delegations").GetRawText()), ("@id", id)]);
        foreach (var round in talks.GetProperty("rounds").EnumerateArray())
        {
            Execute(commands, """
                INSERT INTO rounds (negotiation_id, number, venue_city, venue_country, format, start_date, end_date, participants, status, outcome, summary, version)
                VALUES (@id, @number, @city, @country, @format, @start, @end, @participants, @status, @outcome, @summary, @version)
                """,
                [("@id", id), ("@number", round.GetProperty("number").GetInt32()), ("@city", Text(round, "venueCity")), ("@country", Text(round, "venueCountry")),
                 ("@format", (int)Enum.Parse<RoundFormatKind>(Text(round, "format"))), ("@start", Text(round, "start")), ("@end", Optional(round, "end")),
                 ("@participants", round.GetProperty("participants").GetRawText()), ("@status", (int)Enum.Parse<RoundStatus>(Text(round, "status"))),
                 ("@outcome", Optional(round, "outcome") is { } outcome ? (int)Enum.Parse<RoundOutcomeKind>(outcome) : null),
                 ("@summary", Text(round, "summary")), ("@version", round.GetProperty("version").GetInt64())]);
        }

        foreach (var issue in talks.GetProperty("issues").EnumerateArray())
        {
            var number = issue.GetProperty("number").GetInt32();
            Execute(commands, "INSERT INTO issues (negotiation_id, number, title, category, demanded_by, status) VALUES (@id, @number, @title, @category, @by, @status)",
                [("@id", id), ("@number", number), ("@title", Text(issue, "title")), ("@category", (int)Enum.Parse<IssueCategoryKind>(Text(issue, "category"))),
                 ("@by", Text(issue, "demandedBy")), ("@status", (int)Enum.Parse<IssueStatusKind>(Text(issue, "status")))]);
            foreach (var position in issue.GetProperty("positions").EnumerateArray())
            {
                Execute(commands, """
                    INSERT INTO positions (negotiation_id, issue_number, party, stance, text, position_date) VALUES (@id, @number, @party, @stance, @text, @date)
                    """,
                    [("@id", id), ("@number", number), ("@party", Text(position, "party")), ("@stance", (int)Enum.Parse<StanceKind>(Text(position, "stance"))),
                     ("@text", Text(position, "text")), ("@date", Optional(position, "date"))]);
            }
        }

        foreach (var draft in talks.GetProperty("drafts").EnumerateArray())
        {
            Execute(commands, """
                INSERT INTO drafts (negotiation_id, version, based_on, label, provisions, reverted_to, create_time)
                VALUES (@id, @version, @basedOn, @label, @provisions, @revertedTo, @created)
                """,
                [("@id", id), ("@version", draft.GetProperty("version").GetInt32()), ("@basedOn", draft.GetProperty("basedOn").GetInt32()),
                 ("@label", Text(draft, "label")), ("@provisions", draft.GetProperty("provisions").GetRawText()),
                 ("@revertedTo", draft.GetProperty("revertedTo").GetInt32()), ("@created", DapperTypes.Instant(draft.GetProperty("createTime").GetDateTimeOffset()))]);
        }

        foreach (var commitment in talks.GetProperty("commitments").EnumerateArray())
        {
            var number = commitment.GetProperty("number").GetInt32();
            Execute(commands, """
                INSERT INTO commitments (negotiation_id, number, party, kind, status, description, purchase, concession, delivery, version)
                VALUES (@id, @number, @party, @kind, @status, @description, @purchase, @concession, @delivery, @version)
                """,
                [("@id", id), ("@number", number), ("@party", Text(commitment, "party")), ("@kind", (int)Enum.Parse<CommitmentType>(Text(commitment, "kind"))),
                 ("@status", (int)Enum.Parse<CommitmentStatusKind>(Text(commitment, "status"))), ("@description", Text(commitment, "description")),
                 ("@purchase", Raw(commitment, "purchase")), ("@concession", Raw(commitment, "concession")), ("@delivery", Raw(commitment, "delivery")),
                 ("@version", commitment.GetProperty("version").GetInt64())]);
            foreach (var purchase in commitment.GetProperty("purchases").EnumerateArray())
            {
                Execute(commands, """
                    INSERT INTO purchases (negotiation_id, commitment_number, period_start, period_end, amount, source)
                    VALUES (@id, @number, @start, @end, @amount, @source)
                    """,
                    [("@id", id), ("@number", number), ("@start", Text(purchase, "periodStart")), ("@end", Text(purchase, "periodEnd")),
                     ("@amount", purchase.GetProperty("amountUsd").GetRawText()), ("@source", Text(purchase, "source"))]);
            }
        }

        foreach (var statement in talks.GetProperty("statements").EnumerateArray())
        {
            var speaker = statement.GetProperty("speaker");
            Execute(commands, """
                INSERT INTO statements (negotiation_id, number, speaker_name, speaker_title, speaker_party, attribution, quote, statement_date, source, issues, commitments)
                VALUES (@id, @number, @name, @title, @party, @attribution, @quote, @date, @source, @issues, @commitments)
                """,
                [("@id", id), ("@number", statement.GetProperty("number").GetInt32()), ("@name", Text(speaker, "name")), ("@title", Text(speaker, "title")),
                 ("@party", Text(speaker, "party")), ("@attribution", (int)Enum.Parse<AttributionKind>(Text(statement, "attribution"))),
                 ("@quote", Text(statement, "quote")), ("@date", Text(statement, "date")), ("@source", Text(statement, "source")),
                 ("@issues", statement.GetProperty("issues").GetRawText()), ("@commitments", statement.GetProperty("commitments").GetRawText())]);
        }
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    private static string? Optional(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static string? Raw(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;
}
