using System.Collections;
using Buf.Validate;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ProtoValidate;

namespace TradeGrpc.Validation.Tests;

/// <summary>
/// Builds instances of a message type from its descriptor: a baseline that protovalidate accepts
/// field by field where it can, each field replaced by each boundary value, nested messages and
/// repeated items varied, and random mixtures.
/// </summary>
internal sealed class InstanceGenerator(IValidator validator, int seed)
{
    private const int MaxDepth = 2;
    private readonly Random random = new(seed);
    private readonly Dictionary<MessageDescriptor, IMessage> baselines = [];
    private readonly Dictionary<(FieldDescriptor, int), List<object?>> values = [];

    public IEnumerable<IMessage> Instances(MessageDescriptor descriptor, int depth = 0)
    {
        var baseline = Baseline(descriptor, depth);
        yield return baseline;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            foreach (var value in Values(field, depth))
            {
                var copy = baseline.Clone();
                Set(copy, field, value);
                yield return copy;
            }
        }

        for (var i = 0; i < 60; i++)
        {
            yield return Random(descriptor, depth);
        }
    }

    public IMessage Baseline(MessageDescriptor descriptor, int depth = 0)
    {
        if (baselines.TryGetValue(descriptor, out var known))
        {
            return known.Clone();
        }

        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        baselines[descriptor] = message;
        foreach (var field in descriptor.Fields.InFieldNumberOrder().Where(f => f.ContainingOneof is not { IsSynthetic: false } || f.ContainingOneof.Fields[0] == f))
        {
            foreach (var value in Values(field, MaxDepth - 1))
            {
                var copy = message.Clone();
                Set(copy, field, value);
                if (!validator.Validate(copy, false).Violations.Any(v => v.Field?.Elements.FirstOrDefault()?.FieldName == field.Name))
                {
                    Set(message, field, value);
                    break;
                }
            }
        }

        return message.Clone();
    }

    private IMessage Random(MessageDescriptor descriptor, int depth)
    {
        var message = Baseline(descriptor, depth);
        foreach (var field in descriptor.Fields.InFieldNumberOrder().Where(_ => random.Next(3) == 0))
        {
            var choices = Values(field, Math.Max(depth, MaxDepth - 1));
            if (choices.Count > 0)
            {
                Set(message, field, choices[random.Next(choices.Count)]);
            }
        }

        return message;
    }

    /// <summary>Values for a field: a scalar, a message (or null), or a list for a repeated field.</summary>
    private List<object?> Values(FieldDescriptor field, int depth)
    {
        if (values.TryGetValue((field, depth), out var known))
        {
            return known;
        }

        var computed = ComputeValues(field, depth);
        values[(field, depth)] = computed;
        return computed;
    }

    private List<object?> ComputeValues(FieldDescriptor field, int depth)
    {
        var rules = field.GetOptions()?.GetExtension(ValidateExtensions.Field);
        var singles = Singles(field, field.IsRepeated ? rules?.Repeated?.Items : rules, depth).ToList();
        if (!field.IsRepeated)
        {
            return singles;
        }

        var good = singles.OfType<object>().Where(s => GoodItem(field, s)).Take(3).ToList();
        var lists = new List<object?> { new List<object>() };
        lists.AddRange(singles.OfType<object>().Select(s => new List<object> { good.FirstOrDefault() ?? s, s }));
        if (good.Count > 0)
        {
            lists.Add(new List<object> { good[0], good[0] });
            lists.Add(good.Cast<object>().ToList());
            foreach (var count in new[] { rules?.Repeated?.MinItems ?? 0, rules?.Repeated?.MaxItems ?? 0 }.Where(c => c > 0).Select(c => (int)c))
            {
                lists.Add(Enumerable.Range(0, count - 1).Select(i => Distinct(good[0], i)).ToList());
                lists.Add(Enumerable.Range(0, count).Select(i => Distinct(good[0], i)).ToList());
                lists.Add(Enumerable.Range(0, count + 1).Select(i => Distinct(good[0], i)).ToList());
            }
        }

        return lists;
    }

    /// <summary>Whether protovalidate finds nothing wrong with <paramref name="item"/> as the only item of the field.</summary>
    private bool GoodItem(FieldDescriptor field, object item)
    {
        var scratch = field.ContainingType.Parser.ParseFrom(ByteString.Empty);
        Set(scratch, field, new[] { item });
        return !validator.Validate(scratch, false).Violations.Any(v =>
            v.Field?.Elements.FirstOrDefault() is { } first && first.FieldName == field.Name && first.SubscriptCase != FieldPathElement.SubscriptOneofCase.None);
    }

    private IEnumerable<object?> Singles(FieldDescriptor field, FieldRules? rules, int depth)
    {
        if (field.FieldType == FieldType.String)
        {
            return Candidates.Strings(rules?.String);
        }

        if (field.FieldType != FieldType.Message)
        {
            return Candidates.Scalars(field);
        }

        if (field.IsMap || depth >= MaxDepth)
        {
            return depth >= MaxDepth && !field.IsMap ? [Baseline(field.MessageType, depth + 1)] : [];
        }

        return new object?[] { null }.Concat(Instances(field.MessageType, depth + 1).Take(80));
    }

    /// <summary>Item <paramref name="i"/> of a long list: strings made distinct in their last two characters.</summary>
    private static object Distinct(object good, int i)
    {
        if (good is not string text || text.Length < 2)
        {
            return good;
        }

        var (first, span) = char.IsAsciiDigit(text[^1]) ? ('0', 10) : char.IsAsciiLetterUpper(text[^1]) ? ('A', 26) : ('a', 26);
        return text[..^2] + (char)(first + (i / span % span)) + (char)(first + (i % span));
    }

    private static void Set(IMessage message, FieldDescriptor field, object? value)
    {
        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            list.Clear();
            foreach (var item in (IEnumerable)value!)
            {
                list.Add(item is IMessage m ? m.Clone() : item);
            }

            return;
        }

        if (value is null)
        {
            field.Accessor.Clear(message);
        }
        else
        {
            field.Accessor.SetValue(message, value is IMessage m ? m.Clone() : value);
        }
    }
}

internal static class MessageExtensions
{
    public static IMessage Clone(this IMessage message) =>
        (IMessage)message.GetType().GetMethod("Clone", Type.EmptyTypes)!.Invoke(message, null)!;
}
