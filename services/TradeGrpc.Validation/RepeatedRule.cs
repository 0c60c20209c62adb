using System.Collections;

namespace TradeGrpc.Validation;

/// <summary>Repeated <c>min_items</c>, <c>max_items</c> and <c>unique</c> (strings only).</summary>
internal sealed class RepeatedRule(ulong minItems, ulong maxItems, bool uniqueStrings)
{
    public bool Passes(IList list)
    {
        var count = (ulong)list.Count;
        if (count < minItems || count > maxItems)
        {
            return false;
        }

        if (!uniqueStrings || list.Count < 2)
        {
            return true;
        }

        var seen = new HashSet<string>(list.Count, StringComparer.Ordinal);
        foreach (string item in list)
        {
            if (!seen.Add(item))
            {
                return false;
            }
        }

        return true;
    }
}
