using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>Translates the talks between messages and the domain.</summary>
internal static class TalkMapping
{
    public static V1.Negotiation ToMessage(this Domain.Negotiation negotiation) => new()
    {
        Name = negotiation.Name,
        Title = negotiation.Title,
        Parties = { negotiation.Parties },
        State = (V1.NegotiationState)negotiation.State,
        CreateTime = Timestamp.FromDateTimeOffset(negotiation.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(negotiation.UpdateTime),
        Etag = negotiation.Etag,
        Delegations =
        {
            negotiation.Delegations.Select(d => new V1.Delegation
            {
                Party = d.Party,
                Members = { d.Members.Select(m => new DelegationMember { Name = m.Name, Title = m.Title, Office = m.Office, Lead = m.Lead }) },
            }),
        },
    };

    public static Domain.Delegation ToDomain(this V1.Delegation delegation) =>
        new(delegation.Party, [.. delegation.Members.Select(m => new Member(m.Name, m.Title, m.Office, m.Lead))]);

    public static V1.Round ToMessage(this Domain.Round round) => new()
    {
        Name = round.Name,
        VenueCity = round.Plan.VenueCity,
        VenueCountry = round.Plan.VenueCountry,
        Format = (RoundFormat)round.Plan.Format,
        StartDate = round.Plan.StartDate.ToProtoDate(),
        EndDate = round.Plan.EndDate?.ToProtoDate(),
        Participants = { round.Plan.Participants },
        State = (RoundState)round.Status,
        Outcome = (RoundOutcome)(round.Outcome ?? 0),
        Summary = round.Summary,
        Etag = $"\"{round.Version}\"",
    };

    public static RoundPlan ToPlan(this V1.Round round) => new(round.VenueCity, round.VenueCountry, (RoundFormatKind)round.Format,
        round.StartDate.ToDateOnly("round.start_date"), round.EndDate?.ToDateOnly("round.end_date"), [.. round.Participants]);

    public static V1.Issue ToMessage(this Domain.Issue issue) => new()
    {
        Name = issue.Name,
        Title = issue.Title,
        Category = (IssueCategory)issue.Category,
        DemandedBy = issue.DemandedBy,
        State = (V1.IssueState)issue.Status,
        Positions =
        {
            issue.Positions.Select(p => new V1.Position { Party = p.Party, Stance = (Stance)p.Stance, Text = p.Text, PositionDate = p.Date?.ToProtoDate() }),
        },
    };

    public static Domain.Position ToDomain(this V1.Position position) =>
        new(position.Party, (StanceKind)position.Stance, position.Text, position.PositionDate?.ToDateOnly("position.position_date"));

    public static V1.DraftVersion ToMessage(this Domain.DraftVersion draft) => new()
    {
        Name = draft.Name,
        Version = draft.Version,
        BasedOn = draft.BasedOn,
        Label = draft.Label,
        Provisions = { draft.Provisions.Select(ToMessage) },
        Progress = draft.Progress.ToMessage(),
        RevertedTo = draft.RevertedTo,
        CreateTime = Timestamp.FromDateTimeOffset(draft.CreateTime),
    };

    public static V1.DraftProgress ToMessage(this Domain.DraftProgress progress) =>
        new() { Agreed = progress.Agreed, Total = progress.Total, AgreedPercent = (double)progress.AgreedPercent };

    public static V1.Provision ToMessage(this Domain.Provision provision) => new()
    {
        Key = provision.Key, Title = provision.Title, Text = provision.Text, State = (V1.ProvisionState)provision.Status, Commitments = { provision.Commitments },
    };

    public static IReadOnlyList<Domain.Provision> ToProvisions(this V1.DraftVersion draft) =>
        [.. draft.Provisions.Select(p => new Domain.Provision(p.Key, p.Title, p.Text, (ProvisionStatusKind)p.State, [.. p.Commitments]))];

    public static CompareDraftsResponse ToMessage(this DraftComparison comparison) => new()
    {
        FromProgress = comparison.From.Progress.ToMessage(),
        ToProgress = comparison.To.Progress.ToMessage(),
        Changes =
        {
            comparison.Changes.Select(c => new ProvisionChange
            {
                Key = c.Key, Kind = (V1.ProvisionChangeKind)c.Kind, Before = c.Before?.ToMessage(), After = c.After?.ToMessage(),
            }),
        },
    };

    public static V1.Commitment ToMessage(this Domain.Commitment commitment) => new()
    {
        Name = commitment.Name,
        Party = commitment.Party,
        Kind = (CommitmentKind)commitment.Type,
        State = (CommitmentState)commitment.Status,
        Description = commitment.Terms.Description,
        Purchase = commitment.Terms.Purchase is { } p
            ? new V1.PurchaseTerms
            {
                Category = p.Category, StartDate = p.PeriodStart.ToProtoDate(), EndDate = p.PeriodEnd.ToProtoDate(),
                Baseline = p.BaselineUsd?.ToUsd(), Target = p.TargetUsd?.ToUsd(), AnnexCategory = (V1.PurchaseCategory)(p.AnnexCategory ?? 0),
            }
            : null,
        Concession = commitment.Terms.Concession is { } c
            ? new TariffConcession
            {
                Measure = c.Measure, Action = (ConcessionAction)c.Action, RatePercent = c.RatePercent?.ToProtoDecimal(), EffectiveDate = c.EffectiveDate.ToProtoDate(),
            }
            : null,
        Delivery = commitment.Delivery is { } d
            ? new ConcessionDelivery
            {
                State = (DeliveryState)d.Status,
                Attempts = d.Attempts,
                LastError = d.LastError,
                DeliveredTime = d.DeliveredTime is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
                NextAttemptTime = d.NextAttemptTime is { } next ? Timestamp.FromDateTimeOffset(next) : null,
            }
            : null,
        Etag = $"\"{commitment.Version}\"",
    };

    public static CommitmentTerms ToTerms(this V1.Commitment commitment, CommitmentState initialState) => new(commitment.Party,
        (CommitmentType)commitment.Kind, (CommitmentStatusKind)initialState, commitment.Description,
        commitment.Purchase is { } p
            ? new Domain.PurchaseTerms(p.Category, p.StartDate.ToDateOnly("commitment.purchase.start_date"),
                p.EndDate.ToDateOnly("commitment.purchase.end_date"), p.Baseline?.ToDecimal(), p.Target?.ToDecimal(),
                p.AnnexCategory == V1.PurchaseCategory.Unspecified ? null : (Domain.PurchaseCategory)p.AnnexCategory)
            : null,
        commitment.Concession is { } c
            ? new Concession(c.Measure, (ConcessionActionKind)c.Action, c.RatePercent?.ToDecimal("commitment.concession.rate_percent"),
                c.EffectiveDate.ToDateOnly("commitment.concession.effective_date"))
            : null);

    /// <summary>An unset basis is ABOVE_BASELINE, as every amount was before the contract said which.</summary>
    public static Purchase ToDomain(this PurchaseRecord purchase) =>
        new(purchase.StartDate.ToDateOnly("purchase.start_date"), purchase.EndDate.ToDateOnly("purchase.end_date"), purchase.Amount.ToDecimal(), purchase.Source,
            purchase.Basis == V1.PurchaseBasis.Unspecified ? Domain.PurchaseBasis.AboveBaseline : (Domain.PurchaseBasis)purchase.Basis);

    public static V1.CommitmentProgress ToMessage(this Domain.CommitmentProgress progress)
    {
        var figures = progress.Figures;
        return new V1.CommitmentProgress
        {
            Commitment = progress.Commitment.Name,
            Target = figures.TargetUsd?.ToUsd(),
            Fulfilled = figures.FulfilledUsd.ToUsd(),
            FulfilledPercent = (double)figures.FulfilledPercent,
            Baseline = figures.BaselineUsd.ToUsd(),
            Goal = figures.GoalUsd?.ToUsd(),
            Purchased = figures.PurchasedUsd.ToUsd(),
            PurchasedPercent = (double)figures.PurchasedPercent,
            Purchases =
            {
                progress.Purchases.Select(p => new PurchaseRecord
                {
                    StartDate = p.PeriodStart.ToProtoDate(), EndDate = p.PeriodEnd.ToProtoDate(), Amount = p.AmountUsd.ToUsd(), Source = p.Source,
                    Basis = (V1.PurchaseBasis)p.Basis, HsCode = p.HsCode,
                }),
            },
        };
    }

    public static Application.RecordTradePurchases ToCommand(this RecordTradePurchasesRequest request) =>
        new(request.Name, request.Party, request.StartDate.ToDateOnly("start_date"), request.EndDate.ToDateOnly("end_date"),
            [.. request.Lines.Select(l => new Domain.TradeLine(l.HsCode, l.Amount.ToDecimal()))], request.Source, request.RequestId);

    public static RecordTradePurchasesResponse ToMessage(this TradePurchases purchases) => new()
    {
        Lines =
        {
            purchases.Lines.Select(l => new V1.TradeLineAssignment
            {
                HsCode = l.Line.HsCode, Amount = l.Line.AmountUsd.ToUsd(), Category = (V1.PurchaseCategory)(l.Category ?? 0), Commitment = l.Commitment ?? "",
            }),
        },
        NotCovered = purchases.NotCoveredUsd.ToUsd(),
        Commitments = { purchases.Commitments.Select(c => c.ToMessage()) },
    };

    public static GetPurchaseProgressResponse ToMessage(this PurchaseSummary summary) => new()
    {
        Categories = { summary.Categories.Select(c => c.ToMessage()) },
        Total = summary.Total.ToMessage(),
    };

    private static PurchaseProgress ToMessage(this Domain.CategoryProgress progress) => new()
    {
        Category = (V1.PurchaseCategory)(progress.Category ?? 0),
        Commitments = { progress.Commitments },
        Baseline = progress.Figures.BaselineUsd.ToUsd(),
        Target = progress.Figures.TargetUsd?.ToUsd(),
        Goal = progress.Figures.GoalUsd?.ToUsd(),
        Purchased = progress.Figures.PurchasedUsd.ToUsd(),
        Fulfilled = progress.Figures.FulfilledUsd.ToUsd(),
        PurchasedPercent = (double)progress.Figures.PurchasedPercent,
        FulfilledPercent = (double)progress.Figures.FulfilledPercent,
    };

    public static V1.Statement ToMessage(this Domain.Statement statement) => new()
    {
        Name = statement.Name,
        Speaker = new V1.Speaker { Name = statement.Text.Speaker.Name, Title = statement.Text.Speaker.Title, Party = statement.Text.Speaker.Party },
        Attribution = (Attribution)statement.Text.Attribution,
        Quote = statement.Text.Quote,
        StatementDate = statement.Text.Date.ToProtoDate(),
        Source = statement.Text.Source,
        Issues = { statement.Text.Issues },
        Commitments = { statement.Text.Commitments },
    };

    public static StatementText ToText(this V1.Statement statement) => new(
        new Domain.Speaker(statement.Speaker.Name, statement.Speaker.Title, statement.Speaker.Party), (AttributionKind)statement.Attribution,
        statement.Quote, statement.StatementDate.ToDateOnly("statement.statement_date"), statement.Source, [.. statement.Issues], [.. statement.Commitments]);

    public static NegotiationEvent ToMessage(this StoredEvent stored) => new()
    {
        Sequence = stored.Sequence,
        Negotiation = Domain.Negotiation.NameOf(stored.NegotiationId),
        Kind = (EventKind)stored.Kind,
        Subject = stored.Subject,
        EventTime = Timestamp.FromDateTimeOffset(stored.Time),
        Summary = stored.Summary,
        Actor = stored.Actor?.ToMessage(),
    };

    public static GetDealImpactResponse ToMessage(this DealImpact impact) => new()
    {
        DutyBefore = impact.DutyBefore.ToUsd(),
        DutyAfter = impact.DutyAfter.ToUsd(),
        Concessions =
        {
            impact.Concessions.Select(c => new V1.ConcessionImpact
            {
                Commitment = c.Commitment,
                Measure = c.Concession.Measure,
                Action = (ConcessionAction)c.Concession.Action,
                TradeValue = c.TradeValueUsd?.ToUsd(),
                RateBefore = c.RateBefore.ToProtoDecimal(),
                RateAfter = c.RateAfter.ToProtoDecimal(),
                DutyBefore = c.DutyBefore.ToUsd(),
                DutyAfter = c.DutyAfter.ToUsd(),
            }),
        },
    };

    /// <summary>The request's basket; loops, not LINQ, and field names only for an error: GetDealImpact's answer is often cached, and this is most of what is left.</summary>
    public static Basket ToBasket(this GetDealImpactRequest request)
    {
        var lines = new BasketLine[request.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = request.Lines[i];
            var quantities = new BasketQuantity[line.Quantities.Count];
            for (var j = 0; j < quantities.Length; j++)
            {
                var value = line.Quantities[j].Value;
                quantities[j] = new BasketQuantity(line.Quantities[j].Unit, value.TryDecimal() ?? throw ProtoValues.NotADecimal(value, $"lines[{i}].quantities[{j}].value"));
            }

            lines[i] = new BasketLine(line.HtsCode, line.OriginCountry, line.ExportDate?.ToDateOnly($"lines[{i}].export_date"), line.CustomsValue.ToDecimal(), quantities,
                line.PreferenceProgram, line.Importer);
        }

        return new Basket(request.ImportingCountry, request.EntryDate.ToDateOnly("entry_date"), lines);
    }
}
