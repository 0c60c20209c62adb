using System.Globalization;
using System.Text;
using Buf.Validate;

namespace TradeGrpc.Validation;

/// <summary>Writes a protovalidate field path the way google.rpc.BadRequest names fields: <c>negotiation.parties[1]</c>.</summary>
public static class FieldPaths
{
    public static string Format(FieldPath? path)
    {
        if (path is null)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var element in path.Elements)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(element.FieldName);
            var subscript = element.SubscriptCase switch
            {
                FieldPathElement.SubscriptOneofCase.Index => element.Index.ToString(CultureInfo.InvariantCulture),
                FieldPathElement.SubscriptOneofCase.IntKey => element.IntKey.ToString(CultureInfo.InvariantCulture),
                FieldPathElement.SubscriptOneofCase.UintKey => element.UintKey.ToString(CultureInfo.InvariantCulture),
                FieldPathElement.SubscriptOneofCase.BoolKey => element.BoolKey ? "true" : "false",
                FieldPathElement.SubscriptOneofCase.StringKey => $"\"{element.StringKey}\"",
                _ => null,
            };
            if (subscript is not null)
            {
                text.Append('[').Append(subscript).Append(']');
            }
        }

        return text.ToString();
    }
}
