using Buf.Validate;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>
/// Compiles the fast checks of one message type and every message type reached from it. Each rule
/// message is cloned and the supported rules cleared from it as they are read: whatever remains
/// (another rule, a predefined extension, an unknown field) makes the whole type unsupported.
/// </summary>
internal sealed class RuleCompiler
{
    private readonly Dictionary<MessageDescriptor, MessageCheck> compiled = [];

    /// <summary>The checks of <paramref name="descriptor"/>, or null when a reached rule is unsupported.</summary>
    public static MessageCheck? TryCompile(MessageDescriptor descriptor)
    {
        try
        {
            return new RuleCompiler().Compile(descriptor);
        }
        catch (UnsupportedRuleException)
        {
            return null;
        }
    }

    private MessageCheck Compile(MessageDescriptor descriptor)
    {
        if (compiled.TryGetValue(descriptor, out var known))
        {
            return known;
        }

        var check = new MessageCheck();
        compiled.Add(descriptor, check);
        if (descriptor.GetOptions()?.GetExtension(ValidateExtensions.Message) is { } messageRules && messageRules.CalculateSize() != 0)
        {
            throw new UnsupportedRuleException($"{descriptor.FullName}: message rules");
        }

        var checks = new List<Check>();
        foreach (var oneof in descriptor.Oneofs.Where(o => !o.IsSynthetic))
        {
            if (OneofCheck(oneof) is { } required)
            {
                checks.Add(required);
            }
        }

        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (FieldCheck(field) is { } fieldCheck)
            {
                checks.Add(fieldCheck);
            }
        }

        check.Checks = [.. checks];
        return check;
    }

    private static OneofRequiredCheck? OneofCheck(OneofDescriptor oneof)
    {
        var rules = oneof.GetOptions()?.GetExtension(ValidateExtensions.Oneof)?.Clone() ?? new OneofRules();
        var required = rules.Required;
        rules.ClearRequired();
        EnsureEmpty(rules.CalculateSize(), oneof.FullName);
        return required ? new OneofRequiredCheck(oneof) : null;
    }

    private Check? FieldCheck(FieldDescriptor field)
    {
        var rules = field.GetOptions()?.GetExtension(ValidateExtensions.Field)?.Clone() ?? new FieldRules();
        if (field.IsMap)
        {
            var valueIsMessage = field.MessageType.FindFieldByNumber(2).FieldType is FieldType.Message or FieldType.Group;
            EnsureEmpty(rules.CalculateSize() + (valueIsMessage ? 1 : 0), field.FullName);
            return null;
        }

        var required = rules.Required;
        rules.ClearRequired();
        var ignore = rules.Ignore;
        rules.ClearIgnore();
        if (ignore is not (Ignore.Unspecified or Ignore.IfZeroValue))
        {
            throw new UnsupportedRuleException($"{field.FullName}: ignore {ignore}");
        }

        if (field.IsRepeated)
        {
            return RepeatedCheck(field, rules, required || ignore != Ignore.Unspecified);
        }

        return field.FieldType == FieldType.Message
            ? MessageFieldCheck(field, rules, required, ignore)
            : ScalarCheck(field, rules, required, ignore);
    }

    private MessageFieldCheck MessageFieldCheck(FieldDescriptor field, FieldRules rules, bool required, Ignore ignore)
    {
        var rule = rules.Cel.Count == 1 ? CelRules.Compile(rules.Cel[0], field) : null;
        if (rule is not null)
        {
            rules.Cel.Clear();
        }

        EnsureEmpty(rules.CalculateSize() + (ignore == Ignore.Unspecified ? 0 : 1), field.FullName);
        return new MessageFieldCheck(field, required, rule, Compile(field.MessageType));
    }

    private static ScalarFieldCheck? ScalarCheck(FieldDescriptor field, FieldRules rules, bool required, Ignore ignore)
    {
        var rule = ValueRuleCompiler.Compile(field, rules);
        EnsureEmpty(rules.CalculateSize() + (required ? 1 : 0), field.FullName);
        return rule is null ? null : new ScalarFieldCheck(field, new ValueCheck(ignore == Ignore.IfZeroValue, rule));
    }

    private RepeatedFieldCheck RepeatedCheck(FieldDescriptor field, FieldRules rules, bool requiredOrIgnored)
    {
        var repeated = rules.TypeCase == FieldRules.TypeOneofCase.Repeated ? rules.Repeated.Clone() : new RepeatedRules();
        if (rules.TypeCase == FieldRules.TypeOneofCase.Repeated)
        {
            rules.ClearType();
        }

        EnsureEmpty(rules.CalculateSize() + (requiredOrIgnored ? 1 : 0), field.FullName);
        var unique = repeated.Unique;
        if (unique && field.FieldType != FieldType.String)
        {
            throw new UnsupportedRuleException($"{field.FullName}: unique on {field.FieldType}");
        }

        var counts = new RepeatedRule(repeated.MinItems, repeated.HasMaxItems ? repeated.MaxItems : ulong.MaxValue, unique);
        var items = ItemCheck(field, repeated.Items?.Clone() ?? new FieldRules());
        repeated.ClearMinItems();
        repeated.ClearMaxItems();
        repeated.ClearUnique();
        repeated.Items = null;
        EnsureEmpty(repeated.CalculateSize(), field.FullName);
        var nested = field.FieldType == FieldType.Message ? Compile(field.MessageType) : null;
        return new RepeatedFieldCheck(field, counts, items, nested);
    }

    private static ValueCheck? ItemCheck(FieldDescriptor field, FieldRules items)
    {
        var ignore = items.Ignore;
        items.ClearIgnore();
        if (ignore is not (Ignore.Unspecified or Ignore.IfZeroValue) || field.FieldType == FieldType.Message)
        {
            EnsureEmpty(items.CalculateSize() + (ignore == Ignore.Unspecified ? 0 : 1), field.FullName);
            return null;
        }

        var rule = ValueRuleCompiler.Compile(field, items);
        EnsureEmpty(items.CalculateSize(), field.FullName);
        return rule is null ? null : new ValueCheck(ignore == Ignore.IfZeroValue, rule);
    }

    internal static void EnsureEmpty(int leftOver, string where)
    {
        if (leftOver != 0)
        {
            throw new UnsupportedRuleException($"{where}: a rule without a fast check");
        }
    }
}
