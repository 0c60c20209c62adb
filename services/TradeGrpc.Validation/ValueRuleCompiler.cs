using Buf.Validate;
using Case = Buf.Validate.FieldRules.TypeOneofCase;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>Compiles the type rules of a scalar, string or enum value, clearing those it reads from <see cref="FieldRules"/>.</summary>
internal static class ValueRuleCompiler
{
    public static IValueRule? Compile(FieldDescriptor field, FieldRules rules)
    {
        IValueRule? rule = (rules.TypeCase, field.FieldType) switch
        {
            (Case.None, _) => null,
            (Case.String, FieldType.String) => StringRule(rules.String.Clone(), field.FullName),
            (Case.Int32, FieldType.Int32) => Int32Rule(rules.Int32.Clone(), field.FullName),
            (Case.Int64, FieldType.Int64) => Int64Rule(rules.Int64.Clone(), field.FullName),
            (Case.Bytes, FieldType.Bytes) => BytesRule(rules.Bytes.Clone(), field.FullName),
            (Case.Enum, FieldType.Enum) => EnumRule(rules.Enum.Clone(), field),
            _ => throw new UnsupportedRuleException($"{field.FullName}: {rules.TypeCase} rules on a {field.FieldType} field"),
        };
        rules.ClearType();
        return rule;
    }

    private static Int32Rule Int32Rule(Int32Rules rules, string where)
    {
        var rule = new Int32Rule(rules.HasGte ? rules.Gte : int.MinValue, rules.HasLte ? rules.Lte : int.MaxValue);
        rules.ClearGte();
        rules.ClearLte();
        RuleCompiler.EnsureEmpty(rules.CalculateSize(), where);
        return rule;
    }

    private static Int64Rule Int64Rule(Int64Rules rules, string where)
    {
        var rule = new Int64Rule(rules.HasGte ? rules.Gte : long.MinValue, rules.HasLte ? rules.Lte : long.MaxValue);
        rules.ClearGte();
        rules.ClearLte();
        RuleCompiler.EnsureEmpty(rules.CalculateSize(), where);
        return rule;
    }

    private static BytesRule BytesRule(BytesRules rules, string where)
    {
        var rule = new BytesRule(rules.HasMaxLen ? rules.MaxLen : ulong.MaxValue);
        rules.ClearMaxLen();
        RuleCompiler.EnsureEmpty(rules.CalculateSize(), where);
        return rule;
    }

    private static StringRule StringRule(StringRules rules, string where)
    {
        var pattern = rules.HasPattern ? TextPattern.TryCompile(rules.Pattern) ?? throw new UnsupportedRuleException($"{where}: pattern") : null;
        var rule = new StringRule(
            rules.HasMinLen ? rules.MinLen : null,
            rules.HasMaxLen ? rules.MaxLen : null,
            pattern,
            rules.Uuid,
            rules.In.Count > 0 ? rules.In.ToHashSet(StringComparer.Ordinal) : null);
        rules.ClearMinLen();
        rules.ClearMaxLen();
        rules.ClearPattern();
        rules.ClearUuid();
        rules.In.Clear();
        RuleCompiler.EnsureEmpty(rules.CalculateSize(), where);
        return rule;
    }

    private static EnumRule EnumRule(EnumRules rules, FieldDescriptor field)
    {
        var defined = rules.DefinedOnly ? field.EnumType.Values.Select(v => v.Number).ToHashSet() : null;
        var rule = new EnumRule(defined, rules.In.Count > 0 ? rules.In.ToHashSet() : null, rules.NotIn.ToHashSet());
        rules.ClearDefinedOnly();
        rules.In.Clear();
        rules.NotIn.Clear();
        RuleCompiler.EnsureEmpty(rules.CalculateSize(), field.FullName);
        return rule;
    }
}
