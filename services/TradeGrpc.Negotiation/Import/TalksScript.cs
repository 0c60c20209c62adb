using System.Text.Json;
using System.Text.Json.Serialization;
using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Application;

namespace TradeGrpc.Negotiation.Import;

/// <summary>
/// Replays a file of the talks' commands through the application, as a caller's commands are:
/// <c>{"steps": [{"scheduleRound": {"negotiation": "{negotiation}", "plan": {...}}}, ...]}</c>, each
/// step one command in the domain's terms (dates <c>2019-07-30</c>, enums by name such as
/// <c>InPerson</c>). <c>{negotiation}</c> stands for the negotiation the last <c>createNegotiation</c> step created.
/// </summary>
public sealed class TalksScript(Sender sender)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Dictionary<string, Func<Sender, string, CancellationToken, Task<object>>> Steps = new()
    {
        ["createNegotiation"] = Step<CreateNegotiation, Domain.Negotiation>,
        ["setDelegation"] = Step<SetDelegation, Domain.Negotiation>,
        ["scheduleRound"] = Step<ScheduleRound, Domain.Round>,
        ["startRound"] = Step<StartRound, Domain.Round>,
        ["recordRoundOutcome"] = Step<RecordRoundOutcome, Domain.Round>,
        ["cancelRound"] = Step<CancelRound, Domain.Round>,
        ["raiseIssue"] = Step<RaiseIssue, Domain.Issue>,
        ["recordPosition"] = Step<RecordPosition, Domain.Issue>,
        ["changeIssueStatus"] = Step<ChangeIssueStatus, Domain.Issue>,
        ["proposeDraft"] = Step<ProposeDraft, Domain.DraftVersion>,
        ["revertDraft"] = Step<RevertDraft, Domain.DraftVersion>,
        ["recordCommitment"] = Step<RecordCommitment, Domain.Commitment>,
        ["changeCommitmentStatus"] = Step<ChangeCommitmentStatus, Domain.Commitment>,
        ["recordPurchases"] = Step<RecordPurchases, Domain.CommitmentProgress>,
        ["implementConcession"] = Step<ImplementConcession, Domain.Commitment>,
        ["recordTradePurchases"] = Step<RecordTradePurchases, TradePurchases>,
        ["recordStatement"] = Step<RecordStatement, Domain.Statement>,
    };

    private sealed record Script(Dictionary<string, JsonElement>[] Steps);

    /// <summary>Runs the file's steps in order; returns how many ran.</summary>
    public async Task<int> RunAsync(string file, CancellationToken cancellationToken)
    {
        var script = JsonSerializer.Deserialize<Script>(await File.ReadAllTextAsync(file, cancellationToken), Json)
            ?? throw new FormatException($"{file} is empty.");
        var negotiation = "";
        for (var i = 0; i < script.Steps.Length; i++)
        {
            if (script.Steps[i] is not { Count: 1 } step || !Steps.TryGetValue(step.Keys.Single(), out var run))
            {
                throw new FormatException($"Step {i + 1} of {file} is not one of: {string.Join(", ", Steps.Keys)}.");
            }

            var result = await run(sender, step.Values.Single().GetRawText().Replace("{negotiation}", negotiation, StringComparison.Ordinal), cancellationToken);
            if (result is Domain.Negotiation created)
            {
                negotiation = created.Name;
            }
        }

        return script.Steps.Length;
    }

    private static async Task<object> Step<TCommand, TResult>(Sender sender, string json, CancellationToken cancellationToken)
        where TCommand : IRequest<TResult> =>
        (await sender.SendAsync(JsonSerializer.Deserialize<TCommand>(json, Json)!, cancellationToken))!;
}
