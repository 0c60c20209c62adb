using System.Runtime.CompilerServices;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// The answers to lookups the calculator remembers (those without what-if changes, for as long as their book snapshot is
/// current), each made once and shared, with its bytes kept by <see cref="KeptAnswers"/>: a repeated lookup is answered by
/// copying them, where the generated code sized and wrote its 186 bytes again on every call (251 ns, <c>-- pieces</c>,
/// <c>Answer</c>). Nothing changes a shared answer after it is made.
/// </summary>
internal static class LookupAnswers
{
    private static readonly ConditionalWeakTable<RateLookup, LookupRatesResponse> Messages = new();

    /// <summary>
    /// The shared answer to <paramref name="lookup"/>, for a lookup the calculator remembers. One it does not (past its
    /// limit of remembered lookups) gets an answer of its own each time, still right, at the cost of writing it twice.
    /// </summary>
    public static LookupRatesResponse Remembered(RateLookup lookup) => Messages.GetValue(lookup, static l => KeptAnswers.Keep(l.ToMessage()));
}
