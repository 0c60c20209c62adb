using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// The answers to lookups the calculator remembers (those without what-if changes, for as long as their book snapshot is
/// current), each made once and shared, with its bytes written once: a repeated lookup is answered by copying them,
/// where the generated code sized and wrote its 186 bytes again on every call (251 ns, <c>-- pieces</c>, <c>Answer</c>).
/// Nothing changes a shared answer after it is made.
/// </summary>
internal static class LookupAnswers
{
    private static readonly ConditionalWeakTable<RateLookup, LookupRatesResponse> Messages = new();

    private static readonly ConditionalWeakTable<LookupRatesResponse, byte[]> Bytes = new();

    /// <summary>
    /// The shared answer to <paramref name="lookup"/>, for a lookup the calculator remembers. One it does not (past its
    /// limit of remembered lookups) gets an answer of its own each time, still right, at the cost of writing it twice.
    /// </summary>
    public static LookupRatesResponse Remembered(RateLookup lookup) => Messages.GetValue(lookup, static l =>
    {
        var answer = l.ToMessage();
        Bytes.AddOrUpdate(answer, answer.ToByteArray());
        return answer;
    });

    /// <summary>Writes a shared answer's bytes, and any other answer as its generated code does.</summary>
    public static void Write(LookupRatesResponse answer, SerializationContext context)
    {
        if (Bytes.TryGetValue(answer, out var bytes))
        {
            context.Complete(bytes);
            return;
        }

        ResponseWriterBinder.WriteAsGenerated(answer, context);
    }
}
