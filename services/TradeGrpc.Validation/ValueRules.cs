using System.Linq.Expressions;

namespace TradeGrpc.Validation;

/// <summary>Rules on one scalar value.</summary>
internal interface IValueRule
{
    /// <summary>The rule on <paramref name="value"/>, an expression typed as the generated property is.</summary>
    Expression Test(Expression value);
}

internal sealed class Int32Rule(int gte, int lte) : IValueRule
{
    public Expression Test(Expression value) =>
        Expression.AndAlso(Expression.GreaterThanOrEqual(value, Expression.Constant(gte)), Expression.LessThanOrEqual(value, Expression.Constant(lte)));
}

internal sealed class Int64Rule(long gte, long lte) : IValueRule
{
    public Expression Test(Expression value) =>
        Expression.AndAlso(Expression.GreaterThanOrEqual(value, Expression.Constant(gte)), Expression.LessThanOrEqual(value, Expression.Constant(lte)));
}

internal sealed class BytesRule(ulong maxLen) : IValueRule
{
    public Expression Test(Expression value) =>
        Expression.LessThanOrEqual(Expression.Convert(Expression.Property(value, nameof(Google.Protobuf.ByteString.Length)), typeof(ulong)), Expression.Constant(maxLen));
}

/// <summary>Enum <c>defined_only</c>, <c>in</c> and <c>not_in</c> on the enum's number.</summary>
internal sealed class EnumRule(IReadOnlySet<int>? defined, IReadOnlySet<int>? allowed, IReadOnlySet<int> forbidden) : IValueRule
{
    public Expression Test(Expression value) =>
        Expression.Call(Expression.Constant(this), typeof(EnumRule).GetMethod(nameof(Passes))!, Expression.Convert(value, typeof(int)));

    public bool Passes(int number) =>
        (defined is null || defined.Contains(number))
        && (allowed is null || allowed.Contains(number))
        && !forbidden.Contains(number);
}

/// <summary>A value's rule, skipped for the zero value when the rules say IGNORE_IF_ZERO_VALUE: a field's, or each item's of a repeated field.</summary>
internal sealed class ValueCheck(bool ignoreIfZero, IValueRule rule)
{
    private Func<object, bool>? passes;

    public Expression Test(Expression value) => ignoreIfZero ? Expression.OrElse(IsZero(value), rule.Test(value)) : rule.Test(value);

    /// <summary>The check on an item as a repeated field's reflection hands it out, boxed: for naming the items that fail.</summary>
    public bool Passes(object item) => (passes ??= FieldAccess.Compile<object>(item.GetType(), Test))(item);

    /// <summary>Whether <paramref name="value"/> is its type's zero: "", 0, or an enum's first value; never for other types.</summary>
    private static Expression IsZero(Expression value) => value.Type switch
    {
        var t when t == typeof(string) => Expression.Equal(Expression.Property(value, nameof(string.Length)), Expression.Constant(0)),
        var t when t == typeof(int) || t == typeof(long) => Expression.Equal(value, Expression.Default(t)),
        { IsEnum: true } => Expression.Equal(Expression.Convert(value, typeof(int)), Expression.Constant(0)),
        _ => Expression.Constant(false),
    };
}
