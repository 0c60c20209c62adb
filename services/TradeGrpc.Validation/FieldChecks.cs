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

        foreach (var item in list)
        {
            if ((items is not null && !items.Passes(item)) || (nested is not null && !nested.Passes((IMessage)item)))
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
    public override bool Passes(IMessage message) => oneof.Accessor.GetCaseFieldDescriptor(message) is not null;
}
