using System.Text.Json;
using System.Text.Json.Serialization;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

/// <summary>The talks' rows as Dapper reads them, and how each becomes the domain's.</summary>
internal static class TalksRows
{
    /// <summary>The form of the JSON columns: the domain's records, camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    public static T? FromJsonOrNull<T>(string? json)
        where T : class => json is null ? null : FromJson<T>(json);

    public sealed class NegotiationRow
    {
        public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public string Parties { get; init; } = "";
        public string Delegations { get; init; } = "[]";
        public int State { get; init; }
        public DateTimeOffset CreateTime { get; init; }
        public DateTimeOffset UpdateTime { get; init; }
        public long Version { get; init; }

        public Domain.Negotiation ToDomain() => new(Id, Title, Parties.Split(','), FromJson<Delegation[]>(Delegations), (NegotiationState)State,
            CreateTime, UpdateTime, Version);
    }

    public sealed class RoundRow
    {
        public string NegotiationId { get; init; } = "";
        public int Number { get; init; }
        public string VenueCity { get; init; } = "";
        public string VenueCountry { get; init; } = "";
        public int Format { get; init; }
        public DateOnly StartDate { get; init; }
        public string? EndDate { get; init; }
        public string Participants { get; init; } = "[]";
        public int Status { get; init; }
        public int? Outcome { get; init; }
        public string Summary { get; init; } = "";
        public long Version { get; init; }

        public Round ToDomain() => new(Domain.Negotiation.NameOf(NegotiationId), Number,
            new RoundPlan(VenueCity, VenueCountry, (RoundFormatKind)Format, StartDate, DapperTypes.Day(EndDate), FromJson<string[]>(Participants)),
            (RoundStatus)Status, (RoundOutcomeKind?)Outcome, Summary, Version);
    }

    public sealed class IssueRow
    {
        public string NegotiationId { get; init; } = "";
        public int Number { get; init; }
        public string Title { get; init; } = "";
        public int Category { get; init; }
        public string DemandedBy { get; init; } = "";
        public int Status { get; init; }

        public Issue ToDomain(IReadOnlyList<Position> positions) =>
            new(Domain.Negotiation.NameOf(NegotiationId), Number, Title, (IssueCategoryKind)Category, DemandedBy, (IssueStatusKind)Status, positions);
    }

    public sealed class PositionRow
    {
        public int IssueNumber { get; init; }
        public string Party { get; init; } = "";
        public int Stance { get; init; }
        public string Text { get; init; } = "";
        public string? PositionDate { get; init; }

        public Position ToDomain() => new(Party, (StanceKind)Stance, Text, DapperTypes.Day(PositionDate));
    }

    public sealed class DraftRow
    {
        public string NegotiationId { get; init; } = "";
        public int Version { get; init; }
        public int BasedOn { get; init; }
        public string Label { get; init; } = "";
        public string Provisions { get; init; } = "[]";
        public int RevertedTo { get; init; }
        public DateTimeOffset CreateTime { get; init; }

        public DraftVersion ToDomain() =>
            new(Domain.Negotiation.NameOf(NegotiationId), Version, BasedOn, Label, FromJson<Provision[]>(Provisions), RevertedTo, CreateTime);
    }

    public sealed class CommitmentRow
    {
        public string NegotiationId { get; init; } = "";
        public int Number { get; init; }
        public string Party { get; init; } = "";
        public int Kind { get; init; }
        public int Status { get; init; }
        public string Description { get; init; } = "";
        public string? Purchase { get; init; }
        public string? Concession { get; init; }
        public string? Delivery { get; init; }
        public long Version { get; init; }

        public Commitment ToDomain() => new(Domain.Negotiation.NameOf(NegotiationId), Number,
            new CommitmentTerms(Party, (CommitmentType)Kind, (CommitmentStatusKind)Status, Description,
                FromJsonOrNull<PurchaseTerms>(Purchase), FromJsonOrNull<Concession>(Concession)),
            FromJsonOrNull<Delivery>(Delivery), Version);
    }

    public sealed class PurchaseRow
    {
        public int CommitmentNumber { get; init; }
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
        public decimal Amount { get; init; }
        public string Source { get; init; } = "";
        public int Basis { get; init; }
        public string HsCode { get; init; } = "";

        public Purchase ToDomain() => new(PeriodStart, PeriodEnd, Amount, Source, (PurchaseBasis)Basis, HsCode);
    }

    public sealed class StatementRow
    {
        public string NegotiationId { get; init; } = "";
        public int Number { get; init; }
        public string SpeakerName { get; init; } = "";
        public string SpeakerTitle { get; init; } = "";
        public string SpeakerParty { get; init; } = "";
        public int Attribution { get; init; }
        public string Quote { get; init; } = "";
        public DateOnly StatementDate { get; init; }
        public string Source { get; init; } = "";
        public string Issues { get; init; } = "[]";
        public string Commitments { get; init; } = "[]";

        public Statement ToDomain() => new(Domain.Negotiation.NameOf(NegotiationId), Number,
            new StatementText(new Speaker(SpeakerName, SpeakerTitle, SpeakerParty), (AttributionKind)Attribution, Quote, StatementDate, Source,
                FromJson<string[]>(Issues), FromJson<string[]>(Commitments)));
    }

    public sealed class EventRow
    {
        public long Seq { get; init; }
        public string NegotiationId { get; init; } = "";
        public int Kind { get; init; }
        public string Subject { get; init; } = "";
        public DateTimeOffset Time { get; init; }
        public string Summary { get; init; } = "";
        public string? Actor { get; init; }

        public StoredEvent ToDomain() => new(Seq, NegotiationId, (TalkEventKind)Kind, Subject, Time, Summary, FromJsonOrNull<Identity.Actor>(Actor));
    }

    public sealed class OutboxRow
    {
        public string Commitment { get; init; } = "";
        public string RequestId { get; init; } = "";
        public DateTimeOffset NextAttemptAt { get; init; }
        public string? TraceParent { get; init; }

        public ClaimedOutboxItem ToClaimed() => new(new OutboxItem(Commitment, RequestId, NextAttemptAt), TraceParent);
    }

    /// <summary>The columns of each table, as Dapper names the row classes' properties.</summary>
    public const string NegotiationColumns = "id, title, parties, delegations, state, create_time, update_time, version";
    public const string RoundColumns = "negotiation_id, number, venue_city, venue_country, format, start_date, end_date, participants, status, outcome, summary, version";
    public const string IssueColumns = "negotiation_id, number, title, category, demanded_by, status";
    public const string PositionColumns = "issue_number, party, stance, text, position_date";
    public const string DraftColumns = "negotiation_id, version, based_on, label, provisions, reverted_to, create_time";
    public const string CommitmentColumns = "negotiation_id, number, party, kind, status, description, purchase, concession, delivery, version";
    public const string PurchaseColumns = "commitment_number, period_start, period_end, amount, source, basis, hs_code";
    public const string StatementColumns = "negotiation_id, number, speaker_name, speaker_title, speaker_party, attribution, quote, statement_date, source, issues, commitments";
    public const string EventColumns = "seq, negotiation_id, kind, subject, time, summary, actor";

    /// <summary>The table of each collection of the talks.</summary>
    public static string TableOf(string collection) => collection switch
    {
        ChildName.Rounds => "rounds",
        ChildName.Issues => "issues",
        ChildName.Drafts => "drafts",
        ChildName.Commitments => "commitments",
        ChildName.Statements => "statements",
        _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "not a collection of the talks"),
    };

    /// <summary>The column that numbers the items of a collection.</summary>
    public static string NumberOf(string collection) => collection == ChildName.Drafts ? "version" : "number";
}
