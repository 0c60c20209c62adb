using System.Buffers;
using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Collections;
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
        // Every call runs the plan's compiled test, which writes no path, so clean text allocates nothing; only a
        // request holding a forbidden character is walked again, for the paths of where.
        var plan = TextPlan.Of(message.Descriptor);
        if (!plan.AnyForbidden(message))
        {
            return [];
        }

        var found = new List<string>();
        Scan(message, plan, null, found);
        return found;
    }

    // Each message type's plan, made once: the walk of every request reads it.
    private static readonly ConditionalWeakTable<MessageDescriptor, TextPlan> Plans = new();

    private static bool Holds(string text) => text.AsSpan().ContainsAny(Forbidden);

    /// <summary>Adds to <paramref name="found"/> the path of every field under <paramref name="message"/> that holds a forbidden character.</summary>
    private static void Scan(IMessage message, TextPlan plan, Step? at, List<string> found)
    {
        foreach (var field in plan.Fields)
        {
            var value = field.Accessor.GetValue(message);
            switch (field.Shape)
            {
                case FieldShape.Map:
                    foreach (DictionaryEntry pair in (IDictionary)value)
                    {
                        var key = $"\"{pair.Key}\"";
                        ScanValue(pair.Key, null, new Step(at, field.Name, key), found);
                        ScanValue(pair.Value, field.Nested, new Step(at, field.Name, key), found);
                    }

                    break;
                case FieldShape.List:
                    var list = (IList)value;
                    for (var i = 0; i < list.Count; i++)
                    {
                        ScanValue(list[i], field.Nested, new Step(at, field.Name, i), found);
                    }

                    break;
                default:
                    ScanValue(value, field.Nested, new Step(at, field.Name, null), found);
                    break;
            }
        }
    }

    private static void ScanValue(object? value, TextPlan? nested, Step step, List<string> found)
    {
        switch (value)
        {
            case string text when Holds(text):
                found.Add(step.ToString());
                break;
            case IMessage message when nested is not null:
                Scan(message, nested, step, found);
                break;
        }
    }

    /// <summary>Whether a value of a map, of any type, holds a forbidden character: for the compiled test, which leaves maps (rare in requests) to this.</summary>
    private static bool ValueHolds(object? value, TextPlan? nested) => value switch
    {
        string text => Holds(text),
        IMessage message when nested is not null => nested.AnyForbidden(message),
        _ => false,
    };

    private static bool MapHolds(IDictionary map, TextPlan? nested)
    {
        foreach (DictionaryEntry pair in map)
        {
            if (ValueHolds(pair.Key, null) || ValueHolds(pair.Value, nested))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TextsHold(RepeatedField<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (Holds(texts[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MessagesHold<T>(RepeatedField<T> messages, TextPlan nested)
        where T : IMessage
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (nested.AnyForbidden(messages[i]))
            {
                return true;
            }
        }

        return false;
    }

    private enum FieldShape
    {
        Single,
        List,
        Map,
    }

    /// <summary>A field that may hold text: a string, or a message whose <paramref name="Nested"/> plan holds some (for a map, its values' plan, null when they are not messages).</summary>
    private sealed record TextField(string Name, string PropertyName, IFieldAccessor Accessor, FieldShape Shape, TextPlan? Nested)
    {
        /// <summary>Whether the field of <paramref name="message"/>, an expression typed as its generated class, holds a forbidden character.</summary>
        public Expression Test(Expression message)
        {
            // By the generated property's type: a StringValue wrapper's is a string (null when unset), a list of them a list of strings.
            var value = Expression.Property(message, PropertyName);
            var plan = Expression.Constant(Nested, typeof(TextPlan));
            var type = Shape == FieldShape.List ? value.Type.GetGenericArguments()[0] : value.Type;
            var set = Expression.ReferenceNotEqual(value, Expression.Constant(null));
            return (Shape, type == typeof(string)) switch
            {
                (FieldShape.Map, _) => Expression.Call(Helper(nameof(MapHolds)), Expression.Convert(value, typeof(IDictionary)), plan),
                (FieldShape.List, true) => Expression.Call(Helper(nameof(TextsHold)), value),
                (FieldShape.List, false) => Expression.Call(Helper(nameof(MessagesHold)).MakeGenericMethod(type), value, plan),
                (_, true) => Expression.AndAlso(set, Expression.Call(Helper(nameof(Holds)), value)),
                _ => Expression.AndAlso(set, Expression.Call(plan, typeof(TextPlan).GetMethod(nameof(TextPlan.AnyForbidden))!, value)),
            };
        }

        private static MethodInfo Helper(string name) => typeof(ControlCharacters).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
    }

    /// <summary>
    /// Where text may be in one message type, found once from its descriptor: its string fields, and
    /// the message fields whose types may hold text. A message type with no string under it (a date)
    /// is left out, so a request's walk never enters it.
    /// </summary>
    private sealed class TextPlan
    {
        /// <summary>False while the plan is being made, so that a recursive type is kept in the plans that reach it.</summary>
        private bool made;

        private Func<IMessage, bool>? anyForbidden;

        public TextField[] Fields { get; private set; } = [];

        private bool MayHoldText => !made || Fields.Length > 0;

        /// <summary>Whether any text under <paramref name="message"/> holds a forbidden character: the plan compiled once into one test of the generated properties.</summary>
        public bool AnyForbidden(IMessage message) =>
            (anyForbidden ??= FieldAccess.Compile<IMessage>(message.Descriptor.ClrType, AnyTest))(message);

        private Expression AnyTest(Expression message) =>
            Fields.Select(f => f.Test(message)).DefaultIfEmpty(Expression.Constant(false)).Aggregate(Expression.OrElse);

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
                    fields.Add(new TextField(field.Name, field.PropertyName, field.Accessor, shape, nested));
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
