namespace TradeGrpc.Validation;

/// <summary>Rules on one scalar value, boxed as protobuf reflection hands it out.</summary>
internal interface IValueRule
{
    bool Passes(object value);
}

internal sealed class Int32Rule(int gte, int lte) : IValueRule
{
    public bool Passes(object value) => (int)value >= gte && (int)value <= lte;
}

internal sealed class Int64Rule(long gte, long lte) : IValueRule
{
    public bool Passes(object value) => (long)value >= gte && (long)value <= lte;
}

internal sealed class BytesRule(ulong maxLen) : IValueRule
{
    public bool Passes(object value) => (ulong)((Google.Protobuf.ByteString)value).Length <= maxLen;
}

/// <summary>Enum <c>defined_only</c>, <c>in</c> and <c>not_in</c> on the enum's number.</summary>
internal sealed class EnumRule(IReadOnlySet<int>? defined, IReadOnlySet<int>? allowed, IReadOnlySet<int> forbidden) : IValueRule
{
    public bool Passes(object value)
    {
        var number = (int)value;
        return (defined is null || defined.Contains(number))
            && (allowed is null || allowed.Contains(number))
            && !forbidden.Contains(number);
    }
}

/// <summary>A rule on an item of a repeated field, skipped for zero items when the item rules say IGNORE_IF_ZERO_VALUE.</summary>
internal sealed class ItemRule(bool ignoreIfZero, IValueRule rule)
{
    public bool Passes(object item) => (ignoreIfZero && ZeroValue.Is(item)) || rule.Passes(item);
}

internal static class ZeroValue
{
    public static bool Is(object value) => value switch
    {
        string text => text.Length == 0,
        int number => number == 0,
        long number => number == 0,
        Enum => (int)value == 0,
        _ => false,
    };
}
