using System.CommandLine;
using Spectre.Console.Rendering;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Cli.Formats;

namespace TradeGrpc.Cli;

/// <summary>exclusions request|decide|list: an importer asks, the USTR grants or denies.</summary>
public sealed partial class TradeCli
{
    private IEnumerable<Command> ExclusionCommands() =>
    [
        new Command("exclusions", "Exclusions from a measure for some products: request, decide, list") { RequestExclusion(), DecideExclusion(), ListExclusions() },
    ];

    private static Option<string> RequestIdOption() => new("--request-id") { Description = "A UUID: a call repeated with it answers as the first did and changes nothing more" };

    private static Option<string> AllowanceOption(string description) => new("--allowance") { Description = description + ": an amount and a unit, '100 T' or '30000 USD'" };

    private static Allowance? AllowanceOf(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) is { } text ? ParseAllowance(text, option.Name) : null;

    private Command RequestExclusion()
    {
        var measure = new Option<string>("--measure") { Description = "The measure: us-301-list-1 or measures/us-301-list-1", Required = true };
        var code = new Option<string>("--code") { Description = "HTS code of the product, 6 to 10 digits", Required = true };
        var requester = new Option<string>("--requester") { Description = "Who asks", Required = true };
        var description = new Option<string>("--description") { Description = "The product" };
        var importer = new Option<string>("--importer") { Description = "The only importer it is for" };
        var allowance = AllowanceOption("How much it is asked for in all");
        var requestId = RequestIdOption();
        var command = new Command("request", "Ask for an exclusion (needs exclusions.request: the importer role)")
        {
            measure, code, requester, description, importer, allowance, requestId,
        };
        return Handle(command, async (session, parse, ct) =>
        {
            var exclusion = await session.Measures.RequestExclusionAsync(new RequestExclusionRequest
            {
                Exclusion = new Exclusion
                {
                    Measure = Named("measures", parse.GetRequiredValue(measure)),
                    HtsCode = parse.GetRequiredValue(code),
                    Requester = parse.GetRequiredValue(requester),
                    ProductDescription = parse.GetValue(description) ?? "",
                    Importer = parse.GetValue(importer) ?? "",
                    Allowance = AllowanceOf(parse, allowance),
                },
                RequestId = parse.GetValue(requestId) ?? "",
            }, cancellationToken: ct);
            session.Print(exclusion, ExclusionFields);
        });
    }

    private Command DecideExclusion()
    {
        var name = new Argument<string>("exclusion") { Description = "The exclusion: exclusions/... or its id" };
        var grant = new Option<bool>("--grant") { Description = "Grant it (with --end, and optionally --start and --heading)" };
        var deny = new Option<bool>("--deny") { Description = "Deny it" };
        var heading = new Option<string>("--heading") { Description = "The Chapter 99 heading it is reported under: 9903.88.05" };
        var start = new Option<DateOnly?>("--start") { Description = "First day it applies, yyyy-mm-dd (default: the measure's start)" };
        var end = new Option<DateOnly?>("--end") { Description = "Last day it applies, yyyy-mm-dd" };
        var allowance = AllowanceOption("How much it lets in, when not what was asked");
        var requestId = RequestIdOption();
        var command = new Command("decide", "Grant or deny a pending exclusion (needs exclusions.decide: the ustr role)")
        {
            name, grant, deny, heading, start, end, allowance, requestId,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(grant) == result.GetValue(deny))
            {
                result.AddError("Give one of --grant and --deny.");
            }
            else if (result.GetValue(grant) && result.GetValue(end) is null)
            {
                result.AddError("--grant needs --end.");
            }
        });
        return Handle(command, async (session, parse, ct) =>
        {
            var exclusion = Named("exclusions", parse.GetRequiredValue(name));
            var decided = parse.GetValue(grant)
                ? await session.Measures.GrantExclusionAsync(new GrantExclusionRequest
                {
                    Name = exclusion,
                    Heading = parse.GetValue(heading) ?? "",
                    StartDate = ToDate(parse.GetValue(start)),
                    EndDate = ToDate(parse.GetValue(end)),
                    Allowance = AllowanceOf(parse, allowance),
                    RequestId = parse.GetValue(requestId) ?? "",
                }, cancellationToken: ct)
                : await session.Measures.DenyExclusionAsync(new DenyExclusionRequest { Name = exclusion, RequestId = parse.GetValue(requestId) ?? "" }, cancellationToken: ct);
            session.Print(decided, ExclusionFields);
        });
    }

    private Command ListExclusions()
    {
        var measure = new Option<string>("--measure") { Description = "Exclusions from this measure only" };
        var state = new Option<string>("--state") { Description = "pending, granted or denied" };
        var limit = LimitOption();
        var command = new Command("list", "Exclusions the caller may see: its organisation's pending requests, and every decided one") { measure, state, limit };
        return Handle(command, async (session, parse, ct) =>
        {
            var from = parse.GetValue(measure) is { } m ? Named("measures", m) : "";
            var inState = parse.GetValue(state) is { } s ? ParseEnum<ExclusionState>(s, "--state") : ExclusionState.Unspecified;
            var (exclusions, next) = await PagesAsync(parse.GetValue(limit), async (token, size) =>
            {
                var page = await session.Measures.ListExclusionsAsync(
                    new ListExclusionsRequest { Measure = from, State = inState, PageToken = token, PageSize = size }, cancellationToken: ct);
                return (page.Exclusions, page.NextPageToken);
            });
            session.Print(new ListExclusionsResponse { Exclusions = { exclusions }, NextPageToken = next }, r =>
            {
                var table = Table("Exclusion", "Measure", "Code", "Requester", "Importer", "State", "Heading", "From", "To");
                foreach (var e in r.Exclusions)
                {
                    table.Row(e.Name, e.Measure, e.HtsCode, e.Requester, e.Importer, Show(e.State), e.Heading, Show(e.StartDate), Show(e.EndDate));
                }

                return More(table, r.NextPageToken);
            });
        });
    }

    private static IEnumerable<IRenderable> ExclusionFields(Exclusion e) =>
    [
        Fields(
            ("Exclusion", e.Name),
            ("Measure", e.Measure),
            ("Code", e.HtsCode),
            ("Requester", e.Requester),
            ("Importer", e.Importer),
            ("State", Show(e.State)),
            ("Heading", e.Heading),
            ("Applies", e.StartDate is null && e.EndDate is null ? "" : $"{Show(e.StartDate)} to {Show(e.EndDate)}"),
            ("Allowance", e.Allowance is null ? "" : $"{Amount(e.Allowance)}, used {(e.AllowanceUsed is null ? "none" : Amount(e.AllowanceUsed))}")),
    ];
}
