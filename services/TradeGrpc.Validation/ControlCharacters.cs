using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
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
        List<string>? found = null;
        // The walk of every call writes no path, so clean text allocates nothing; only a request
        // holding a forbidden character is walked again, for the paths of where.
        if (Scan(message, null, paths: false, ref found))
        {
            Scan(message, null, paths: true, ref found);
        }

        return found ?? [];
    }

    // Each message type's string and message fields, found once: the walk of every request reads them.
    private static readonly ConditionalWeakTable<MessageDescriptor, FieldDescriptor[]> TextFields = new();

    private static FieldDescriptor[] TextFieldsOf(MessageDescriptor descriptor) =>
        [.. descriptor.Fields.InFieldNumberOrder().Where(f => f.FieldType is FieldType.String or FieldType.Message)];

    /// <summary>Whether any text under <paramref name="message"/> holds a forbidden character; with <paramref name="paths"/>, every such field's path, else it stops at the first.</summary>
    private static bool Scan(IMessage message, Step? at, bool paths, ref List<string>? found)
    {
        var any = false;
        foreach (var field in TextFields.GetValue(message.Descriptor, TextFieldsOf))
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (DictionaryEntry pair in (IDictionary)value)
                {
                    var key = paths ? $"\"{pair.Key}\"" : null;
                    any |= ScanValue(pair.Key, at, field.Name, key, paths, ref found);
                    any |= ScanValue(pair.Value, at, field.Name, key, paths, ref found);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    any |= ScanValue(list[i], at, field.Name, paths ? i : null, paths, ref found);
                }
            }
            else
            {
                any |= ScanValue(value, at, field.Name, null, paths, ref found);
            }

            if (any && !paths)
            {
                return true;
            }
        }

        return any;
    }

    /// <summary>Checks one value: <paramref name="key"/> is null for a singular field, an item's index, or a map entry's key as written.</summary>
    private static bool ScanValue(object? value, Step? at, string field, object? key, bool paths, ref List<string>? found)
    {
        switch (value)
        {
            case string text when text.AsSpan().ContainsAny(Forbidden):
                if (paths)
                {
                    (found ??= []).Add(new Step(at, field, key).ToString());
                }

                return true;
            case IMessage nested:
                return Scan(nested, paths ? new Step(at, field, key) : null, paths, ref found);
            default:
                return false;
        }
    }

    /// <summary>One step of a path: a field, with a subscript for an item of a list or map.</summary>
    private sealed record Step(Step? Parent, string Field, object? Key)
    {
        public override string ToString() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Parent is null ? "" : Parent + ".")}{Field}{(Key is null ? "" : $"[{Key}]")}");
    }
}
