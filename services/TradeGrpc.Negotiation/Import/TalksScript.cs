using System.Text.Json;
using Google.Protobuf;
using ProtoValidate;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Grpc;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Import;

/// <summary>
/// Replays a file of NegotiationService calls (<c>{"steps": [{"call": "ScheduleRound", "request": {...}}]}</c>,
/// requests in proto JSON) through the service's own handlers, with the same validation as a
/// call from the network. <c>{negotiation}</c> in a request stands for the negotiation the
/// first step created.
/// </summary>
public sealed class TalksScript(IServiceProvider services, IValidator validator)
{
    private sealed record Step(string Call, JsonElement Request);

    private sealed record Script(Step[] Steps);

    public async Task<int> RunAsync(string file, CancellationToken cancellationToken)
    {
        var script = JsonSerializer.Deserialize<Script>(await File.ReadAllTextAsync(file, cancellationToken), JsonSerializerOptions.Web)
            ?? throw new FormatException($"{file} is empty.");
        var handler = ActivatorUtilities.CreateInstance<NegotiationGrpcService>(services);
        var context = new LocalCallContext(cancellationToken);
        var negotiation = "";
        for (var i = 0; i < script.Steps.Length; i++)
        {
            var step = script.Steps[i];
            var method = NegotiationService.Descriptor.FindMethodByName(step.Call)
                ?? throw new FormatException($"Step {i + 1} of {file}: NegotiationService has no method {step.Call}.");
            var json = step.Request.GetRawText().Replace("{negotiation}", negotiation, StringComparison.Ordinal);
            var request = JsonParser.Default.Parse(json, method.InputType);
            var violations = validator.Validate(request, false).Violations;
            if (violations.Count > 0)
            {
                throw new FormatException($"Step {i + 1} of {file} ({step.Call}) is invalid: {string.Join("; ", violations.Select(v => v.Message))}");
            }

            var call = (Task)typeof(NegotiationGrpcService).GetMethod(step.Call)!.Invoke(handler, [request, context])!;
            await call;
            if (i == 0 && call.GetType().GetProperty("Result")!.GetValue(call) is V1.Negotiation created)
            {
                negotiation = created.Name;
            }
        }

        return script.Steps.Length;
    }
}
