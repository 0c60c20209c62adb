using System.Buffers;
using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation;

/// <summary>
/// The one rule on every text field of every request, free text included: no C0 control character
/// but tab, line feed and carriage return. NUL is the one that matters most (PostgreSQL cannot store
/// it, so it would fail a write halfway); the others have no place in names or prose and would let
/// a value forge lines in a log.
/// </summary>
public static class ControlCharacters
{
    public const string Description = "must not hold control characters other than tab, line feed and carriage return";

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')), '\u007f']);

    /// <summary>The paths of the fields of <paramref name="message"/> (nested ones too) that hold a forbidden character; empty when none does.</summary>
    public static IReadOnlyList<string> Find(IMessage message)
    {
        if (Clean(message))
        {
            return [];
        }

        List<string>? found = null;
        Add(message, null, ref found);
        return found ?? [];
    }

    // The walk of every call: no paths, so a request with clean text allocates nothing.
    private static bool Clean(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType is not (FieldType.String or FieldType.Message))
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (DictionaryEntry pair in (IDictionary)value)
                {
                    if (!Clean(pair.Key) || !Clean(pair.Value))
                    {
                        return false;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    if (!Clean(list[i]))
                    {
                        return false;
                    }
                }
            }
            else if (!Clean(value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Clean(object? value) => value switch
    {
        string text => !text.AsSpan().ContainsAny(Forbidden),
        IMessage nested => Clean(nested),
        _ => true,
    };

    // Only for a request that holds a forbidden character: the paths of where.
    private static void Add(IMessage message, Step? at, ref List<string>? found)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType is not (FieldType.String or FieldType.Message))
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (DictionaryEntry pair in (IDictionary)value)
                {
                    var key = $"\"{pair.Key}\"";
                    AddValue(pair.Key, at, field.Name, key, ref found);
                    AddValue(pair.Value, at, field.Name, key, ref found);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    AddValue(list[i], at, field.Name, i, ref found);
                }
            }
            else
            {
                AddValue(value, at, field.Name, null, ref found);
            }
        }
    }

    /// <summary>Checks one value: <paramref name="key"/> is null for a singular field, an item's index, or a map entry's key as written.</summary>
    private static void AddValue(object? value, Step? at, string field, object? key, ref List<string>? found)
    {
        switch (value)
        {
            case string text when text.AsSpan().ContainsAny(Forbidden):
                (found ??= []).Add(new Step(at, field, key).ToString());
                break;
            case IMessage nested:
                Add(nested, new Step(at, field, key), ref found);
                break;
        }
    }

    /// <summary>One step of a path: a field, with a subscript for an item of a list or map.</summary>
    private sealed record Step(Step? Parent, string Field, object? Key)
    {
        public override string ToString() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Parent is null ? "" : Parent + ".")}{Field}{(Key is null ? "" : $"[{Key}]")}");
    }
}
