using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>
/// A fast path in front of protovalidate: plain C# checks compiled once per message type from its
/// <c>buf.validate</c> rules. It answers only "certainly valid" or "maybe invalid"; a message type
/// that reaches a rule the checks do not cover is unsupported and always maybe invalid.
/// </summary>
public sealed class FastValidator
{
    private readonly ConcurrentDictionary<MessageDescriptor, MessageCheck?> checks = new();

    /// <summary>True when every rule reached from <paramref name="descriptor"/> has a fast check.</summary>
    public bool IsSupported(MessageDescriptor descriptor) => CheckFor(descriptor) is not null;

    /// <summary>True only when protovalidate would find no violation in <paramref name="message"/>.</summary>
    public bool IsCertainlyValid(IMessage message) => CheckFor(message.Descriptor)?.Passes(message) ?? false;

    /// <summary>
    /// The fields of <paramref name="message"/> that break their rules as the contract means them
    /// (patterns read as RE2 reads them); empty for a message type without fast checks.
    /// </summary>
    public IReadOnlyList<string> Failures(IMessage message)
    {
        var failures = new List<string>();
        CheckFor(message.Descriptor)?.AddFailures(message, "", failures);
        return failures;
    }

    private MessageCheck? CheckFor(MessageDescriptor descriptor) =>
        checks.GetOrAdd(descriptor, static d => RuleCompiler.TryCompile(d));
}
