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
        var plan = TextPlan.Of(message.Descriptor);
        if (Scan(message, plan, null, paths: false, ref found))
        {
            Scan(message, plan, null, paths: true, ref found);
        }

        return found ?? [];
    }

    // Each message type's plan, made once: the walk of every request reads it.
    private static readonly ConditionalWeakTable<MessageDescriptor, TextPlan> Plans = new();

    /// <summary>Whether any text under <paramref name="message"/> holds a forbidden character; with <paramref name="paths"/>, every such field's path, else it stops at the first.</summary>
    private static bool Scan(IMessage message, TextPlan plan, Step? at, bool paths, ref List<string>? found)
    {
        var any = false;
        foreach (var field in plan.Fields)
        {
            var value = field.Accessor.GetValue(message);
            switch (field.Shape)
            {
                case FieldShape.Map:
                    foreach (DictionaryEntry pair in (IDictionary)value)
                    {
                        var key = paths ? $"\"{pair.Key}\"" : null;
                        any |= ScanValue(pair.Key, null, at, field.Name, key, paths, ref found);
                        any |= ScanValue(pair.Value, field.Nested, at, field.Name, key, paths, ref found);
                    }

                    break;
                case FieldShape.List:
                    var list = (IList)value;
                    for (var i = 0; i < list.Count; i++)
                    {
                        any |= ScanValue(list[i], field.Nested, at, field.Name, paths ? i : null, paths, ref found);
                    }

                    break;
                default:
                    any |= ScanValue(value, field.Nested, at, field.Name, null, paths, ref found);
                    break;
            }

            if (any && !paths)
            {
                return true;
            }
        }

        return any;
    }

    /// <summary>Checks one value: <paramref name="key"/> is null for a singular field, an item's index, or a map entry's key as written.</summary>
    private static bool ScanValue(object? value, TextPlan? nested, Step? at, string field, object? key, bool paths, ref List<string>? found)
    {
        switch (value)
        {
            case string text when text.AsSpan().ContainsAny(Forbidden):
                if (paths)
                {
                    (found ??= []).Add(new Step(at, field, key).ToString());
                }

                return true;
            case IMessage message when nested is not null:
                return Scan(message, nested, paths ? new Step(at, field, key) : null, paths, ref found);
            default:
                return false;
        }
    }

    private enum FieldShape
    {
        Single,
        List,
        Map,
    }

    /// <summary>A field that may hold text: a string, or a message whose <paramref name="Nested"/> plan holds some (for a map, its values' plan, null when they are not messages).</summary>
    private sealed record TextField(string Name, IFieldAccessor Accessor, FieldShape Shape, TextPlan? Nested);

    /// <summary>
    /// Where text may be in one message type, found once from its descriptor: its string fields, and
    /// the message fields whose types may hold text. A message type with no string under it (a date)
    /// is left out, so a request's walk never enters it.
    /// </summary>
    private sealed class TextPlan
    {
        /// <summary>False while the plan is being made, so that a recursive type is kept in the plans that reach it.</summary>
        private bool made;

        public TextField[] Fields { get; private set; } = [];

        private bool MayHoldText => !made || Fields.Length > 0;

        public static TextPlan Of(MessageDescriptor descriptor) => Plans.GetValue(descriptor, d => Make(d, []));

        private static TextPlan Make(MessageDescriptor descriptor, Dictionary<MessageDescriptor, TextPlan> making)
        {
            if (making.TryGetValue(descriptor, out var known))
            {
                return known;
            }

            var plan = new TextPlan();
            making.Add(descriptor, plan);
            var fields = new List<TextField>();
            foreach (var field in descriptor.Fields.InFieldNumberOrder())
            {
                var shape = field.IsMap ? FieldShape.Map : field.IsRepeated ? FieldShape.List : FieldShape.Single;
                var type = shape == FieldShape.Map ? field.MessageType.FindFieldByNumber(2) : field;
                var nested = type.FieldType == FieldType.Message ? Make(type.MessageType, making) : null;
                if (shape == FieldShape.Map || field.FieldType == FieldType.String || nested is { MayHoldText: true })
                {
                    fields.Add(new TextField(field.Name, field.Accessor, shape, nested));
                }
            }

            plan.Fields = [.. fields];
            plan.made = true;
            return plan;
        }
    }

    /// <summary>One step of a path: a field, with a subscript for an item of a list or map.</summary>
    private sealed record Step(Step? Parent, string Field, object? Key)
    {
        public override string ToString() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Parent is null ? "" : Parent + ".")}{Field}{(Key is null ? "" : $"[{Key}]")}");
    }
}
