using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>
/// A store left by the version that kept each negotiation's talks as one JSON document (schema
/// 0001-0002, recorded in schema_migrations) is migrated forward on start with nothing lost.
/// </summary>
public sealed class LegacyStoreTests
{
    private const string Name = "negotiations/legacy-talks";
    private const string LegacyRequestId = "6f1c2f7e-3b1d-4c55-9a51-0d0c7e1e5a01";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task StoreOfTheDocumentVersion_MigratesWithEveryPartOfTheTalks(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await CreateLegacyStoreAsync(store);
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);

        var negotiation = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = Name });
        var rounds = (await client.ListRoundsAsync(new ListRoundsRequest { Parent = Name })).Rounds;
        var issue = Assert.Single((await client.ListIssuesAsync(new ListIssuesRequest { Parent = Name })).Issues);
        var comparison = await client.CompareDraftsAsync(new CompareDraftsRequest { Parent = Name, FromVersion = 1, ToVersion = 2 });
        var commitments = (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = Name })).Commitments;
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = $"{Name}/commitments/1" });
        var statement = Assert.Single((await client.ListStatementsAsync(new ListStatementsRequest { Parent = Name })).Statements);
        var events = (await client.ListEventsAsync(new ListEventsRequest { Parent = Name })).Events;

        Assert.Equal((NegotiationState.Stalled, "\"17\"", 2), (negotiation.State, negotiation.Etag, negotiation.Delegations.Count));
        Assert.Equal("Robert Lighthizer", negotiation.Delegations[1].Members.Single(m => m.Lead).Name);
        Assert.Equal([("Washington", RoundState.Ended, RoundOutcome.Impasse), ("Shanghai", RoundState.Scheduled, RoundOutcome.Unspecified)],
            rounds.Select(r => (r.VenueCity, r.State, r.Outcome)));
        Assert.Equal(["Robert Lighthizer", "Liu He"], rounds[0].Participants);
        Assert.Equal((IssueState.Narrowed, 2), (issue.State, issue.Positions.Count));
        Assert.Equal([("US", Stance.Demands), ("CN", Stance.OpenToCompromise)], issue.Positions.Select(p => (p.Party, p.Stance)));
        // Version 1: 1 of 2 agreed; version 2 changed the ip text and dropped the tariffs provision.
        Assert.Equal((50.0, 0.0), (comparison.FromProgress.AgreedPercent, comparison.ToProgress.AgreedPercent));
        Assert.Equal([("ip", ProvisionChangeKind.Changed), ("tariffs", ProvisionChangeKind.Removed)], comparison.Changes.Select(c => (c.Key, c.Kind)));
        Assert.Equal((1_000_000, 5_000_000), (commitments[0].Purchase.Baseline.Units, commitments[0].Purchase.Target.Units));
        Assert.Equal((DeliveryState.Delivered, "10"), (commitments[1].Delivery.State, commitments[1].Concession.RatePercent.Value));
        // 1,250,000.50 bought of a 5,000,000 target: 25.00001%, 25.0 to one decimal.
        Assert.Equal((1_250_000, 500_000_000, 25.0), (progress.Fulfilled.Units, progress.Fulfilled.Nanos, progress.FulfilledPercent));
        // Amounts of that version were above the baseline: 1,000,000 + 1,250,000.50 bought of a goal of 6,000,000, 37.5%.
        Assert.Equal((PurchaseBasis.AboveBaseline, 2_250_000, 500_000_000, 37.5),
            (progress.Purchases[0].Basis, progress.Purchased.Units, progress.Purchased.Nanos, progress.PurchasedPercent));
        Assert.Equal([$"{Name}/issues/1"], statement.Issues);
        Assert.Equal([$"{Name}/commitments/1"], statement.Commitments);
        Assert.Equal(["Negotiation recorded.", "Round 1 ended."], events.Select(e => e.Summary));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task StoreOfTheDocumentVersion_TakesNewChangesAndKnowsItsRequestIds(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await CreateLegacyStoreAsync(store);
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);

        // Its first attempt was fingerprinted another way: a retry after the upgrade is still a retry.
        var retried = await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
            RequestId = LegacyRequestId,
        });
        var recorded = await client.RecordStatementAsync(new RecordStatementRequest
        {
            Parent = Name,
            Statement = new Statement
            {
                Speaker = new Speaker { Name = "Robert Lighthizer", Party = "US" }, Attribution = Attribution.OnTheRecord, Quote = "Talks were constructive.",
                StatementDate = new Google.Type.Date { Year = 2019, Month = 7, Day = 31 }, Issues = { $"{Name}/issues/1" },
            },
        });
        var negotiation = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = Name });

        Assert.Equal(Name, retried.Name);
        Assert.Equal($"{Name}/statements/2", recorded.Name);
        Assert.Equal("\"18\"", negotiation.Etag);
    }

    private static async Task CreateLegacyStoreAsync(TestStore store)
    {
        foreach (var script in new[] { "0001_negotiations", "0002_talks_events_outbox" })
        {
            await using var stream = typeof(NegotiationApp).Assembly.GetManifestResourceStream($"TradeGrpc.Negotiation.Data.Migrations.{script}.sql")!;
            await store.ExecuteAsync("negotiation", await new StreamReader(stream).ReadToEndAsync());
        }

        await store.ExecuteAsync("negotiation", """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 'negotiations', '2019-08-01T00:00:00Z'), (2, 'talks_events_outbox', '2019-08-01T00:00:00Z');
            INSERT INTO request_ids VALUES ('6f1c2f7e-3b1d-4c55-9a51-0d0c7e1e5a01', 'negotiations/legacy-talks', 'A1B2C3');
            INSERT INTO events (negotiation_id, kind, subject, time, summary) VALUES
                ('legacy-talks', 1, 'negotiations/legacy-talks', '2019-05-01T00:00:00.0000000Z', 'Negotiation recorded.'),
                ('legacy-talks', 5, 'negotiations/legacy-talks/rounds/1', '2019-05-10T00:00:00.0000000Z', 'Round 1 ended.');
            INSERT INTO outbox (commitment, request_id, next_attempt_at, done) VALUES
                ('negotiations/legacy-talks/commitments/2', 'b7e4a2c0-1111-4d6f-8a2e-3c5d7e9f0a12', '2019-08-01T00:00:00.0000000Z', 1);
            """);
        await store.ExecuteAsync("negotiation", """
            INSERT INTO negotiations (id, title, parties, status, create_time, update_time, version, talks)
            VALUES ('legacy-talks', 'US-China trade talks', 'US,CN', 2, '2019-05-01T00:00:00.0000000Z', '2019-08-01T00:00:00.0000000Z', 17, @talks)
            """, ("@talks", await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Legacy", "talks-document.json"))));
    }
}
