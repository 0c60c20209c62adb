using System.CommandLine;
using Grpc.Core;
using Spectre.Console.Rendering;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Cli.Formats;

namespace TradeGrpc.Cli;

/// <summary>The talks: negotiations list|show, rounds, watch, deal-impact.</summary>
public sealed partial class TradeCli
{
    /// <summary>The longest wait before watching again after the stream dropped.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private IEnumerable<Command> NegotiationCommands() =>
    [
        new Command("negotiations", "Negotiations between parties: list, show") { ListNegotiations(), ShowNegotiation() },
        Rounds(),
        Watch(),
        DealImpact(),
    ];

    private static Argument<string> NegotiationArgument() => new("negotiation") { Description = "The negotiation: negotiations/... or its id" };

    private Command ListNegotiations()
    {
        var limit = LimitOption();
        var command = new Command("list", "Every negotiation") { limit };
        return Handle(command, async (session, parse, ct) =>
        {
            var (negotiations, next) = await PagesAsync(parse.GetValue(limit), async (token, size) =>
            {
                var page = await session.Negotiations.ListNegotiationsAsync(new ListNegotiationsRequest { PageToken = token, PageSize = size }, cancellationToken: ct);
                return (page.Negotiations, page.NextPageToken);
            });
            session.Print(new ListNegotiationsResponse { Negotiations = { negotiations }, NextPageToken = next }, r =>
            {
                var table = Table("Negotiation", "Title", "Parties", "State", "Updated");
                foreach (var n in r.Negotiations)
                {
                    table.Row(n.Name, n.Title, string.Join(" ", n.Parties), Show(n.State), Show(n.UpdateTime));
                }

                return More(table, r.NextPageToken);
            });
        });
    }

    private Command ShowNegotiation()
    {
        var name = NegotiationArgument();
        var command = new Command("show", "One negotiation and its delegations") { name };
        return Handle(command, async (session, parse, ct) =>
        {
            var negotiation = await session.Negotiations.GetNegotiationAsync(
                new GetNegotiationRequest { Name = Named("negotiations", parse.GetRequiredValue(name)) }, cancellationToken: ct);
            session.Print(negotiation, n =>
            {
                var delegations = Table("Party", "Member", "Title", "Office", "Lead");
                foreach (var d in n.Delegations)
                {
                    foreach (var m in d.Members)
                    {
                        delegations.Row(d.Party, m.Name, m.Title, m.Office, m.Lead ? "lead" : "");
                    }
                }

                IRenderable fields = Fields(("Negotiation", n.Name), ("Title", n.Title), ("Parties", string.Join(" ", n.Parties)),
                    ("State", Show(n.State)), ("Created", Show(n.CreateTime)), ("Updated", Show(n.UpdateTime)));
                return n.Delegations.Count == 0 ? [fields] : [fields, delegations];
            });
        });
    }

    private Command Rounds()
    {
        var name = NegotiationArgument();
        var limit = LimitOption();
        var command = new Command("rounds", "A negotiation's rounds: where, when, and how each ended") { name, limit };
        return Handle(command, async (session, parse, ct) =>
        {
            var parent = Named("negotiations", parse.GetRequiredValue(name));
            var (rounds, next) = await PagesAsync(parse.GetValue(limit), async (token, size) =>
            {
                var page = await session.Negotiations.ListRoundsAsync(new ListRoundsRequest { Parent = parent, PageToken = token, PageSize = size }, cancellationToken: ct);
                return (page.Rounds, page.NextPageToken);
            });
            session.Print(new ListRoundsResponse { Rounds = { rounds }, NextPageToken = next }, r =>
            {
                var table = Table("Round", "Venue", "Format", "Start", "End", "State", "Outcome");
                foreach (var round in r.Rounds)
                {
                    table.Row(round.Name, $"{round.VenueCity} {round.VenueCountry}".Trim(), Show(round.Format), Show(round.StartDate), Show(round.EndDate),
                        Show(round.State), round.Outcome == RoundOutcome.Unspecified ? "" : Show(round.Outcome));
                }

                return More(table, r.NextPageToken);
            });
        });
    }

    private Command Watch()
    {
        var name = NegotiationArgument();
        var after = new Option<long>("--after") { Description = "Start after this event's sequence number (0: from the first event)" };
        var command = new Command("watch", "Follow a negotiation's events as they happen, resuming where it was after a dropped stream; Ctrl-C stops") { name, after };
        return Handle(command, async (session, parse, ct) =>
        {
            var negotiation = Named("negotiations", parse.GetRequiredValue(name));
            var last = parse.GetValue(after);
            var backoff = TimeSpan.FromMilliseconds(500);
            while (!ct.IsCancellationRequested)
            {
                string ended;
                try
                {
                    // No deadline: a watch lasts until Ctrl-C, or until the service ends it (Limits:MaxStreamDuration), and then it resumes.
                    using var call = session.Negotiations.WatchNegotiation(
                        new WatchNegotiationRequest { Name = negotiation, AfterSequence = last }, deadline: DateTime.MaxValue, cancellationToken: ct);
                    await foreach (var e in call.ResponseStream.ReadAllAsync(ct))
                    {
                        Print(session, e);
                        last = e.Sequence;
                        backoff = TimeSpan.FromMilliseconds(500);
                    }

                    ended = "the stream ended";
                }
                catch (RpcException ex) when (!ct.IsCancellationRequested && Resumable(ex.StatusCode))
                {
                    ended = $"the stream dropped ({ex.StatusCode}: {ex.Status.Detail})";
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (RpcException) when (ct.IsCancellationRequested)
                {
                    break;
                }

                await session.Io.Error.WriteLineAsync($"watch: {ended}; resuming after event {last} in {backoff.TotalSeconds:0.#} s");
                try
                {
                    await Task.Delay(backoff, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        });
    }

    /// <summary>A dropped connection, a server going away or its stream cap: watching again picks up where it was. Anything else is the answer.</summary>
    private static bool Resumable(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted;

    private static void Print(CliSession session, NegotiationEvent e)
    {
        if (session.Json)
        {
            session.PrintLine(e);
        }
        else
        {
            session.Io.Out.WriteLine($"{e.Sequence,5}  {Show(e.EventTime)}  {Show(e.Kind),-26}  {e.Summary}");
        }
    }

    private Command DealImpact()
    {
        var name = NegotiationArgument();
        var (into, date) = (IntoOption(), DateOption());
        var lines = new Option<string[]>("--line")
        {
            Description = "A basket line as CODE:ORIGIN:VALUE (USD), or CODE:ORIGIN:VALUE:PROGRAM to claim a preference program: 4901.99.00.10:CN:1000, 7606.12.60:KR:10000:KR (repeat for several)",
            Required = true,
        };
        var draft = new Option<int>("--draft-version") { Description = "The draft version whose concessions are priced (0: every recorded concession)" };
        var command = new Command("deal-impact", "What a deal's tariff concessions do to the duty on a basket") { name, into, date, lines, draft };
        return Handle(command, async (session, parse, ct) =>
        {
            var request = new GetDealImpactRequest
            {
                Name = Named("negotiations", parse.GetRequiredValue(name)),
                DraftVersion = parse.GetValue(draft),
                ImportingCountry = parse.GetRequiredValue(into),
                EntryDate = ToDate(parse.GetValue(date)),
            };
            request.Lines.AddRange(parse.GetRequiredValue(lines).Select(BasketLine));
            var impact = await session.Negotiations.GetDealImpactAsync(request, cancellationToken: ct);
            session.Print(impact, i =>
            {
                var table = Table("Commitment", "Measure", "Action", "Trade value", "Rate before", "Rate after", "Duty before", "Duty after");
                foreach (var c in i.Concessions)
                {
                    table.Row(c.Commitment, c.Measure, Show(c.Action), Show(c.TradeValue), Percent(c.RateBefore), Percent(c.RateAfter), Show(c.DutyBefore), Show(c.DutyAfter));
                }

                return [table, Line($"Duty before: {Show(i.DutyBefore)}   after: {Show(i.DutyAfter)}")];
            });
        });
    }

    private static QuoteLine BasketLine(string text) =>
        text.Split(':') is [var code, var origin, var value, .. var program] && program.Length <= 1
            && decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var usd)
            ? new QuoteLine { HtsCode = code, OriginCountry = origin, CustomsValue = Usd(usd), PreferenceProgram = program.FirstOrDefault() ?? "" }
            : throw new CliException($"--line takes CODE:ORIGIN:VALUE or CODE:ORIGIN:VALUE:PROGRAM, such as 9403.60.80:CN:10000, not '{text}'");
}
