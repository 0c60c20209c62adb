using Buf.Validate;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>
/// The one CEL rule the fast path knows, recognised by its id and exact expression on a
/// <c>google.type.Money</c> field: a non-negative amount in USD.
/// </summary>
internal sealed class UsdAmountRule(MessageDescriptor money) : Check
{
    public const string Id = "money.usd_non_negative";

    public const string Expression =
        "this.currency_code == 'USD' && this.units >= 0 && this.nanos >= 0 && this.nanos < 1000000000";

    private readonly FieldDescriptor currencyCode = money.FindFieldByName("currency_code");
    private readonly FieldDescriptor units = money.FindFieldByName("units");
    private readonly FieldDescriptor nanos = money.FindFieldByName("nanos");

    public static bool Matches(Rule rule, FieldDescriptor field) =>
        field.FieldType == FieldType.Message
        && field.MessageType.FullName == "google.type.Money"
        && rule.Id == Id
        && rule.Expression == Expression;

    public override bool Passes(IMessage message)
    {
        var nanoPart = (int)nanos.Accessor.GetValue(message);
        return (string)currencyCode.Accessor.GetValue(message) == "USD"
            && (long)units.Accessor.GetValue(message) >= 0
            && nanoPart is >= 0 and < 1_000_000_000;
    }
}
