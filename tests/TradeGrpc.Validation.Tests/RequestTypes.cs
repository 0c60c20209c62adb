using Google.Protobuf.Reflection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Validation.Tests;

/// <summary>The input types of every method of both services, and every message type reached from them.</summary>
internal static class RequestTypes
{
    public static IReadOnlyList<MessageDescriptor> Inputs { get; } =
        [.. new[] { TariffService.Descriptor, NegotiationService.Descriptor }
            .SelectMany(s => s.Methods)
            .Select(m => m.InputType)
            .Distinct()];

    public static IReadOnlyList<MessageDescriptor> Reached { get; } = Reach();

    public static TheoryData<string> InputNames() => [.. Inputs.Select(d => d.FullName)];

    public static MessageDescriptor Named(string fullName) => Reached.Single(d => d.FullName == fullName);

    private static List<MessageDescriptor> Reach()
    {
        var seen = new List<MessageDescriptor>();
        var pending = new Queue<MessageDescriptor>(Inputs);
        while (pending.TryDequeue(out var next))
        {
            if (seen.Contains(next))
            {
                continue;
            }

            seen.Add(next);
            foreach (var field in next.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message))
            {
                pending.Enqueue(field.MessageType);
            }
        }

        return seen;
    }
}
