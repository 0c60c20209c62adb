using System.ComponentModel;

namespace TradeGrpc.Caching;

/// <summary>
/// A cached value that HybridCache may hand to every hit as it is: it copies (parses again) any
/// value of a type not sealed and marked immutable, which for a protobuf message costs more than
/// the rest of a cached read.
/// </summary>
[ImmutableObject(true)]
internal sealed record Shared<T>(T Value);
