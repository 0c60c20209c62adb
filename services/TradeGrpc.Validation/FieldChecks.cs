using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>Rules on a singular scalar, string or enum field; skipped when an explicit-presence field is unset.</summary>
internal sealed class ScalarFieldCheck(FieldDescriptor field, bool ignoreIfZero, IValueRule rule) : Check
{
    public override bool Passes(IMessage message)
    {
        var accessor = field.Accessor;
        if (field.HasPresence && !accessor.HasValue(message))
        {
            return true;
        }

        var value = accessor.GetValue(message);
        return (ignoreIfZero && ZeroValue.Is(value)) || rule.Passes(value);
    }

    protected override string NameIn(string path) => Join(path, field.Name);
}

/// <summary>A singular message field: required, an optional message-level rule, then its own rules when set.</summary>
internal sealed class MessageFieldCheck(FieldDescriptor field, bool required, Check? rule, MessageCheck nested) : Check
{
    public override bool Passes(IMessage message)
    {
        if (field.Accessor.GetValue(message) is not IMessage value)
        {
            return !required;
        }

        return (rule is null || rule.Passes(value)) && nested.Passes(value);
    }

    public override void AddFailures(IMessage message, string path, List<string> failures)
    {
        var name = Join(path, field.Name);
        if (field.Accessor.GetValue(message) is not IMessage value)
        {
            if (required)
            {
                failures.Add(name);
            }

            return;
        }

        rule?.AddFailures(value, name, failures);
        nested.AddFailures(value, name, failures);
    }
}

/// <summary>A repeated field: item counts, uniqueness, and each item's rules or nested message rules.</summary>
internal sealed class RepeatedFieldCheck(FieldDescriptor field, RepeatedRule counts, ItemRule? items, MessageCheck? nested) : Check
{
    public override bool Passes(IMessage message)
    {
        var list = (IList)field.Accessor.GetValue(message);
        if (!counts.Passes(list))
        {
            return false;
        }

        // By index: a foreach over the list's IEnumerable allocates an enumerator on every call.
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i]!;
            if ((items is not null && !items.Passes(item)) || (nested is not null && !nested.Passes((IMessage)item)))
            {
                return false;
            }
        }

        return true;
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
}

/// <summary><c>(buf.validate.oneof).required</c>: one of the oneof's fields is set.</summary>
internal sealed class OneofRequiredCheck(OneofDescriptor oneof) : Check
{
    public override bool Passes(IMessage message) => oneof.Accessor.GetCaseFieldDescriptor(message) is not null;

    protected override string NameIn(string path) => Join(path, oneof.Name);
}
