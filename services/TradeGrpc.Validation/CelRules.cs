using Buf.Validate;
using Google.Protobuf;
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
        : NonNegativeDecimalRule.Matches(rule, field) ? new NonNegativeDecimalRule(field.MessageType)
        : null;
}

/// <summary>On a <c>google.type.Money</c> field: a non-negative amount in USD.</summary>
internal sealed class UsdAmountRule(MessageDescriptor money) : Check
{
    public const string Id = "money.usd_non_negative";

    public const string Expression =
        "this.currency_code == 'USD' && this.units >= 0 && this.nanos >= 0 && this.nanos < 1000000000";

    private readonly FieldDescriptor currencyCode = money.FindFieldByName("currency_code");
    private readonly FieldDescriptor units = money.FindFieldByName("units");
    private readonly FieldDescriptor nanos = money.FindFieldByName("nanos");

    public static bool Matches(Rule rule, FieldDescriptor field) =>
        field.MessageType.FullName == "google.type.Money" && rule.Id == Id && rule.Expression == Expression;

    public override bool Passes(IMessage message)
    {
        var nanoPart = (int)nanos.Accessor.GetValue(message);
        return (string)currencyCode.Accessor.GetValue(message) == "USD"
            && (long)units.Accessor.GetValue(message) >= 0
            && nanoPart is >= 0 and < 1_000_000_000;
    }
}

/// <summary>
/// On a <c>google.type.Decimal</c> field: a plain non-negative number, 1 to 15 digits with up to 9
/// after a point, which fits a .NET decimal exactly.
/// </summary>
internal sealed class NonNegativeDecimalRule(MessageDescriptor decimalType) : Check
{
    public const string Id = "decimal.non_negative";

    public const string Expression = "this.value.matches('^[0-9]{1,15}([.][0-9]{1,9})?$')";

    private readonly FieldDescriptor value = decimalType.FindFieldByName("value");

    public static bool Matches(Rule rule, FieldDescriptor field) =>
        field.MessageType.FullName == "google.type.Decimal" && rule.Id == Id && rule.Expression == Expression;

    public override bool Passes(IMessage message)
    {
        var text = ((string)value.Accessor.GetValue(message)).AsSpan();
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        return whole.Length is >= 1 and <= 15 && AllDigits(whole)
            && (point < 0 || (fraction.Length is >= 1 and <= 9 && AllDigits(fraction)));
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
