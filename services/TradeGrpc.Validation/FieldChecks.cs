using System.Collections;
using System.Linq.Expressions;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>Rules on a singular scalar, string or enum field; skipped when an explicit-presence field is unset.</summary>
internal sealed class ScalarFieldCheck(FieldDescriptor field, ValueCheck rule) : Check
{
    public override Expression Test(Expression message)
    {
        var test = rule.Test(Expression.Property(message, field.PropertyName));
        return field.HasPresence ? Expression.OrElse(Expression.Not(FieldAccess.HasValue(field, message)), test) : test;
    }

    protected override string NameIn(string path) => Join(path, field.Name);
}

/// <summary>A singular message field: required, an optional message-level rule, then its own rules when set.</summary>
internal sealed class MessageFieldCheck(FieldDescriptor field, bool required, Check? rule, MessageCheck nested) : Check
{
    public override Expression Test(Expression message)
    {
        // Typed as the generated property: a wrapper's (google.protobuf.StringValue, Int32Value...) is a string or an int?, null when unset.
        var property = Expression.Property(message, field.PropertyName);
        var value = Expression.Variable(property.Type, field.Name);
        var whenSet = FieldAccess.All([rule?.Test(value), nested.IsEmpty ? null : nested.Called(value)]);
        return Expression.Block(
            [value],
            Expression.Assign(value, property),
            Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(!required), whenSet));
    }

    public override void AddFailures(IMessage message, string path, List<string> failures)
    {
        var name = Join(path, field.Name);
        switch (field.Accessor.GetValue(message))
        {
            case null when required:
                failures.Add(name);
                break;
            case IMessage value:
                rule?.AddFailures(value, name, failures);
                nested.AddFailures(value, name, failures);
                break;
        }
    }
}

/// <summary>A repeated field: item counts, uniqueness, and each item's rules or nested message rules.</summary>
internal sealed class RepeatedFieldCheck(FieldDescriptor field, RepeatedRule counts, ValueCheck? items, MessageCheck? nested) : Check
{
    public override Expression Test(Expression message)
    {
        var list = Expression.Property(message, field.PropertyName);
        var counted = Expression.Call(Expression.Constant(counts), typeof(RepeatedRule).GetMethod(nameof(RepeatedRule.Passes))!, list);
        var itemType = list.Type.GetGenericArguments()[0];
        var item = Expression.Parameter(itemType, "item");
        var itemTest = FieldAccess.All([items?.Test(item), nested is { IsEmpty: false } ? nested.Called(item) : null]);
        if (itemTest is ConstantExpression)
        {
            return counted;
        }

        var each = Expression.Lambda(typeof(Func<,>).MakeGenericType(itemType, typeof(bool)), itemTest, item).Compile();
        return Expression.AndAlso(counted,
            Expression.Call(typeof(RepeatedFieldCheck).GetMethod(nameof(Each), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(itemType), list, Expression.Constant(each)));
    }

    public override void AddFailures(IMessage message, string path, List<string> failures)
    {
        var name = Join(path, field.Name);
        var list = (IList)field.Accessor.GetValue(message);
        if (!counts.Passes(list))
        {
            failures.Add(name);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (items is not null && !items.Passes(list[i]!))
            {
                failures.Add($"{name}[{i}]");
            }

            nested?.AddFailures((IMessage)list[i]!, $"{name}[{i}]", failures);
        }
    }

    private static bool Each<T>(RepeatedField<T> list, Func<T, bool> passes)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (!passes(list[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>(buf.validate.oneof).required</c>: one of the oneof's fields is set.</summary>
internal sealed class OneofRequiredCheck(OneofDescriptor oneof) : Check
{
    public override Expression Test(Expression message) =>
        Expression.NotEqual(
            Expression.Call(Expression.Constant(oneof.Accessor), typeof(OneofAccessor).GetMethod(nameof(OneofAccessor.GetCaseFieldDescriptor))!,
                Expression.Convert(message, typeof(IMessage))),
            Expression.Constant(null, typeof(FieldDescriptor)));

    protected override string NameIn(string path) => Join(path, oneof.Name);
}

/// <summary>Pieces of the expressions the checks are made of.</summary>
internal static class FieldAccess
{
    /// <summary>Whether an explicit-presence field of <paramref name="message"/> is set.</summary>
    public static Expression HasValue(FieldDescriptor field, Expression message) =>
        Expression.Call(Expression.Constant(field.Accessor), typeof(IFieldAccessor).GetMethod(nameof(IFieldAccessor.HasValue))!,
            Expression.Convert(message, typeof(IMessage)));

    /// <summary>
    /// <paramref name="test"/> of a value of <paramref name="type"/> compiled into a delegate that takes the value as
    /// <typeparamref name="TIn"/>: the value is cast once, into the variable the test reads.
    /// </summary>
    public static Func<TIn, bool> Compile<TIn>(Type type, Func<Expression, Expression> test)
    {
        var input = Expression.Parameter(typeof(TIn), "input");
        var typed = Expression.Variable(type, "typed");
        var body = Expression.Block([typed], Expression.Assign(typed, Expression.Convert(input, type)), test(typed));
        return Expression.Lambda<Func<TIn, bool>>(body, input).Compile();
    }

    /// <summary>The tests given, all of which must pass; true when none is given.</summary>
    public static Expression All(IEnumerable<Expression?> tests) =>
        tests.OfType<Expression>().DefaultIfEmpty(Expression.Constant(true)).Aggregate(Expression.AndAlso);
}
