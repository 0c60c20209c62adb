using Grpc.Net.Client;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>The negotiation service's calls the write, fan-out and memory suites make, and the counts that prove their writes.</summary>
internal static class NegotiationCalls
{
    public const string Service = "/trade.negotiation.v1.NegotiationService/";

    /// <summary>
    /// New talks between the US and China. No request_id: h2load repeats the same bytes, and with
    /// one every call after the first would replay the first instead of writing.
    /// </summary>
    public static CreateNegotiationRequest NewTalks(string title) => new() { Negotiation = new TradeGrpc.Negotiation.V1.Negotiation { Title = title, Parties = { "US", "CN" } } };

    /// <summary>A statement on the record, as the sample talks hold them; no request_id, as for <see cref="NewTalks"/>.</summary>
    public static RecordStatementRequest Statement(string negotiation) => new()
    {
        Parent = negotiation,
        Statement = new Statement
        {
            Speaker = new Speaker { Name = "Robert Lighthizer", Party = "US" },
            Attribution = Attribution.OnTheRecord,
            Quote = "The talks were constructive.",
            StatementDate = new Google.Type.Date { Year = 2019, Month = 7, Day = 31 },
            Source = "USTR press release",
        },
    };

    /// <summary>Creates talks through <paramref name="negotiator"/> (a channel with a talks.write token); their name.</summary>
    public static async Task<string> CreateAsync(GrpcChannel negotiator, string title) =>
        (await new NegotiationService.NegotiationServiceClient(negotiator).CreateNegotiationAsync(NewTalks(title))).Name;

    /// <summary>The sample talks the negotiation binary loads on its first start: their name, once they are listed.</summary>
    public static async Task<string> SampleTalksAsync(GrpcChannel reader, TimeSpan giveUp)
    {
        var client = new NegotiationService.NegotiationServiceClient(reader);
        var deadline = DateTime.UtcNow + giveUp;
        while (true)
        {
            var listed = await client.ListNegotiationsAsync(new ListNegotiationsRequest());
            if (listed.Negotiations.FirstOrDefault(n => n.Title == "US-China trade talks") is { } talks)
            {
                return talks.Name;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the negotiation service did not load its sample talks");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public static Task<long> CountNegotiationsAsync(Uri address, string token) => Pages.CountAsync(address, token, async (channel, pageToken, deadline) =>
    {
        var page = await new NegotiationService.NegotiationServiceClient(channel).ListNegotiationsAsync(
            new ListNegotiationsRequest { PageSize = Pages.Largest, PageToken = pageToken }, deadline: deadline);
        return (page.Negotiations.Count, page.NextPageToken);
    });

    public static Task<long> CountStatementsAsync(Uri address, string token, string negotiation) => Pages.CountAsync(address, token, async (channel, pageToken, deadline) =>
    {
        var page = await new NegotiationService.NegotiationServiceClient(channel).ListStatementsAsync(
            new ListStatementsRequest { Parent = negotiation, PageSize = Pages.Largest, PageToken = pageToken }, deadline: deadline);
        return (page.Statements.Count, page.NextPageToken);
    });
}
