using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>
/// Request messages made from a message descriptor alone: the empty message, messages whose
/// fields hold boundary values (extreme numbers, empty, long and odd strings, dates and decimals
/// that do not exist, repeated fields within and past any limit), and fields of random values.
/// Every choice comes from the <see cref="Random"/> it is given, so a seed replays a run.
/// </summary>
public sealed class RequestGenerator(Random random)
{
    private const int MaxDepth = 4;

    private const int MaxRequestBytes = 1024 * 1024;

    private static readonly string[] Strings =
    [
        "", " ", "a", "US", "CN", "0", "-1", "9028.10.00", "90281000", "tariffLines/90281000", "measures/1", "negotiations/1",
        "entities/1", "licenses/1", "exclusions/1", "2019-05-10", "1e29", "NaN", "\0", "a\0b", "\n", "\r\n", "\t", "%00", "../..",
        "日本語", "😀", "\u202E", "\uFFFD", "' OR 1=1 --", "<script>", "{}", new string('x', 256), new string('9', 1024), new string('é', 70_000),
    ];

    // Decimal strings as google.type.Decimal carries them: valid, out of every range, and not numbers at all.
    private static readonly string[] Decimals = ["0", "-0", "0.1", "25", "100", "100.0000001", "-1", "1e29", "-1e29", "1E-30", "NaN", "Infinity", "", "abc", "1.2.3", "99999999999999999999999999999999"];

    private static readonly long[] Int64s = [0, 1, -1, 2, 10, 100, 1000, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 999_999_999, 1_000_000_000];

    private static readonly int[] Int32s = [0, 1, -1, 2, 10, 12, 13, 31, 32, 100, 1000, 1001, 10_000, int.MaxValue, int.MinValue];

    private static readonly double[] Doubles = [0, -0.0, 1, -1, double.MaxValue, double.MinValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>How requests are made: nothing set, boundary values, random values.</summary>
    public enum Kind
    {
        Empty,
        Boundary,
        Random,
    }

    public IMessage Make(MessageDescriptor type, Kind kind)
    {
        while (true)
        {
            var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
            if (kind != Kind.Empty)
            {
                Fill(message, kind, 0);
            }

            // Within the hosts' receive limit: past it every request is RESOURCE_EXHAUSTED unread, which MalformedFrameTests covers.
            if (message.CalculateSize() <= MaxRequestBytes)
            {
                return message;
            }
        }
    }

    private void Fill(IMessage message, Kind kind, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            // Some fields are left as they are, so that the others' checks are reached too.
            if (random.Next(3) == 0)
            {
                continue;
            }

            if (field.IsMap)
            {
                var map = (IDictionary)field.Accessor.GetValue(message);
                foreach (var _ in Enumerable.Range(0, Count()))
                {
                    var key = Value(field.MessageType.FindFieldByNumber(1), kind, depth);
                    map[key] = Value(field.MessageType.FindFieldByNumber(2), kind, depth);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                foreach (var _ in Enumerable.Range(0, Count()))
                {
                    list.Add(Value(field, kind, depth));
                }
            }
            else if (field.FieldType != FieldType.Message || depth < MaxDepth)
            {
                field.Accessor.SetValue(message, Value(field, kind, depth));
            }
        }
    }

    // A few items mostly; now and then more than any contract allows.
    private int Count() => random.Next(10) switch
    {
        0 => 1001,
        1 => 101,
        _ => random.Next(4),
    };

    private object Value(FieldDescriptor field, Kind kind, int depth) => field.FieldType switch
    {
        FieldType.Message => MessageValue(field.MessageType, kind, depth),
        FieldType.String => kind == Kind.Boundary ? Pick(Strings) : RandomString(),
        FieldType.Bytes => ByteString.CopyFrom(RandomBytes(random.Next(64))),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Enum => EnumValue(field.EnumType, kind),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => kind == Kind.Boundary ? Pick(Int32s) : random.Next(int.MinValue, int.MaxValue),
        FieldType.UInt32 or FieldType.Fixed32 => kind == Kind.Boundary ? unchecked((uint)Pick(Int32s)) : (uint)random.NextInt64(uint.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => kind == Kind.Boundary ? Pick(Int64s) : random.NextInt64(long.MinValue, long.MaxValue),
        FieldType.UInt64 or FieldType.Fixed64 => kind == Kind.Boundary ? unchecked((ulong)Pick(Int64s)) : (ulong)random.NextInt64(long.MaxValue),
        FieldType.Double => kind == Kind.Boundary ? Pick(Doubles) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(40)),
        FieldType.Float => kind == Kind.Boundary ? (float)Pick(Doubles) : (float)random.NextDouble(),
        _ => throw new NotSupportedException($"{field.FullName}: {field.FieldType} is not generated; teach the generator before using it in a request."),
    };

    private IMessage MessageValue(MessageDescriptor type, Kind kind, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        switch (type.FullName)
        {
            // Decimals are strings with a grammar of their own: the boundary list says what matters.
            case "google.type.Decimal" when kind == Kind.Boundary || random.Next(2) == 0:
                message.Descriptor.FindFieldByName("value").Accessor.SetValue(message, Pick(Decimals));
                break;
            default:
                Fill(message, kind, depth + 1);
                break;
        }

        return message;
    }

    private object EnumValue(EnumDescriptor type, Kind kind)
    {
        // An undefined number now and then: the wire carries any int32.
        var number = kind == Kind.Boundary && random.Next(4) == 0 ? Pick(Int32s) : Pick(type.Values.ToArray()).Number;
        return Enum.ToObject(type.ClrType, number);
    }

    private string RandomString()
    {
        var chars = new char[random.Next(random.Next(8) == 0 ? 3000 : 24)];
        for (var i = 0; i < chars.Length; i++)
        {
            // Mostly printable ASCII, with control characters and a few from the BMP among them.
            chars[i] = random.Next(10) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0x80, 0xD800),
                _ => (char)random.Next(32, 127),
            };
        }

        return new string(chars);
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
