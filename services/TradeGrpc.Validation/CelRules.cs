using System.Linq.Expressions;
using Buf.Validate;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>
/// The CEL rules the fast path knows, each recognised by its id and exact expression on a field of
/// its message type; any other CEL rule leaves the message to protovalidate.
/// </summary>
internal static class CelRules
{
    public static Check? Compile(Rule rule, FieldDescriptor field) =>
        field.FieldType != FieldType.Message ? null
        : UsdAmountRule.Matches(rule, field) ? new UsdAmountRule(field.MessageType)
        : DecimalPatternRule.TryCompile(rule, field);
}

/// <summary>On a <c>google.type.Money</c> field: an amount in USD from 0 to <see cref="MaxUnits"/>.</summary>
internal sealed class UsdAmountRule(MessageDescriptor money) : Check
{
    public const string Id = "money.usd_amount";

    public const long MaxUnits = 10_000_000_000_000;

    public const string CelExpression =
        "this.currency_code == 'USD' && this.units >= 0 && this.units <= 10000000000000 && this.nanos >= 0 && this.nanos < 1000000000";

    public static bool Matches(Rule rule, FieldDescriptor field) =>
        field.MessageType.FullName == "google.type.Money" && rule.Id == Id && rule.Expression == CelExpression;

    public override Expression Test(Expression message)
    {
        var units = Field(message, "units");
        var nanos = Field(message, "nanos");
        return FieldAccess.All(
        [
            Expression.Equal(Field(message, "currency_code"), Expression.Constant("USD")),
            Expression.GreaterThanOrEqual(units, Expression.Constant(0L)),
            Expression.LessThanOrEqual(units, Expression.Constant(MaxUnits)),
            Expression.GreaterThanOrEqual(nanos, Expression.Constant(0)),
            Expression.LessThan(nanos, Expression.Constant(1_000_000_000)),
        ]);
    }

    private MemberExpression Field(Expression message, string name) =>
        Expression.Property(message, money.FindFieldByName(name).PropertyName);
}

/// <summary>
/// On a <c>google.type.Decimal</c> field: a <c>decimal.*</c> rule whose expression is
/// <c>this.value.matches('...')</c>, the pattern read as RE2 reads it (so a final "\n" never matches).
/// </summary>
internal sealed class DecimalPatternRule(MessageDescriptor decimalType, TextPattern pattern) : Check
{
    private const string Prefix = "this.value.matches('";

    private const string Suffix = "')";

    private readonly FieldDescriptor value = decimalType.FindFieldByName("value");

    public static DecimalPatternRule? TryCompile(Rule rule, FieldDescriptor field)
    {
        var expression = rule.Expression;
        if (field.MessageType.FullName != "google.type.Decimal" || !rule.Id.StartsWith("decimal.", StringComparison.Ordinal)
            || !expression.StartsWith(Prefix, StringComparison.Ordinal) || !expression.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        // A quote or an escape in the literal would need CEL's unescaping first: left to protovalidate.
        var text = expression[Prefix.Length..^Suffix.Length];
        return text.AsSpan().IndexOfAny('\'', '\\') >= 0 || TextPattern.TryCompile(text) is not { } pattern
            ? null
            : new DecimalPatternRule(field.MessageType, pattern);
    }

    public override Expression Test(Expression message) =>
        Expression.Call(Expression.Constant(pattern), typeof(TextPattern).GetMethod(nameof(TextPattern.IsMatch))!, Expression.Property(message, value.PropertyName));
}
