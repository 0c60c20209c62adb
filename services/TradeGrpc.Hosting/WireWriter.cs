using System.Text;
using Google.Protobuf;

namespace TradeGrpc.Hosting;

/// <summary>
/// Protocol buffers wire primitives over a span at least as long as what is written, for response writers that write
/// in one pass (<see cref="ResponseWriterBinder"/>): a nested message's length is written once the message is, where
/// the generated code sizes a message again at every level it is nested in before writing it. Each writes what the
/// generated code writes for a proto3 field of its kind, so a writer's bytes can be checked equal to
/// <c>ToByteArray()</c>'s. Fields numbered 1 to 15 only: one byte of tag.
/// </summary>
public ref struct WireWriter(Span<byte> buffer)
{
    private const int LengthDelimited = 2;

    private readonly Span<byte> buffer = buffer;

    private int position;

    /// <summary>A string field, left out when empty (proto3: no presence).</summary>
    public void Text(int field, string value)
    {
        if (value.Length != 0)
        {
            RepeatedText(field, value);
        }
    }

    /// <summary>One item of a repeated string field: written even when empty.</summary>
    public void RepeatedText(int field, string value)
    {
        Tag(field, LengthDelimited);

        // Most strings here are short: encode them one byte on, where a one-byte length leaves them, and move them on
        // only when the length takes more; either way the text is measured once, not once to size and once to write.
        var written = Encoding.UTF8.GetBytes(value, buffer[(position + 1)..]);
        var lengthSize = CodedOutputStream.ComputeLengthSize(written);
        if (lengthSize > 1)
        {
            buffer.Slice(position + 1, written).CopyTo(buffer[(position + lengthSize)..]);
        }

        WriteVarint((uint)written);
        position += written;
    }

    /// <summary>An int64 or int32 field, left out when zero; a negative int32 takes ten bytes, as the generated code writes it.</summary>
    public void Number(int field, long value)
    {
        if (value != 0)
        {
            Tag(field, 0);
            WriteVarint((ulong)value);
        }
    }

    /// <summary>A bool field, left out when false.</summary>
    public void Flag(int field, bool value)
    {
        if (value)
        {
            Tag(field, 0);
            buffer[position++] = 1;
        }
    }

    /// <summary>The tag and length of a nested message of <paramref name="length"/> bytes, whose fields the caller writes next.</summary>
    public void Nested(int field, int length)
    {
        Tag(field, LengthDelimited);
        WriteVarint((uint)length);
    }

    /// <summary>
    /// The tag of a nested message whose length is not known yet, and one byte kept for it (most are shorter than 128
    /// bytes, as a quote's components are); the caller writes its fields next, then <see cref="EndNested"/> with what this returns.
    /// </summary>
    public int BeginNested(int field)
    {
        Tag(field, LengthDelimited);
        return ++position;
    }

    /// <summary>Writes the length of the nested message begun at <paramref name="start"/>, moving it on when the length takes more than one byte.</summary>
    public void EndNested(int start)
    {
        var length = position - start;
        var lengthSize = CodedOutputStream.ComputeLengthSize(length);
        if (lengthSize > 1)
        {
            buffer.Slice(start, length).CopyTo(buffer[(start + lengthSize - 1)..]);
        }

        var end = position + lengthSize - 1;
        position = start - 1;
        WriteVarint((uint)length);
        position = end;
    }

    /// <summary>A nested message written by its generated code (sized twice, as the generated code does): for the rare ones.</summary>
    public void Message(int field, IMessage value)
    {
        var length = value.CalculateSize();
        Nested(field, length);
        value.WriteTo(buffer.Slice(position, length));
        position += length;
    }

    /// <summary>The number of bytes written; a writer checks it against the size it computed.</summary>
    public readonly int Written => position;

    private void Tag(int field, int wireType) => buffer[position++] = (byte)((field << 3) | wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
    }
}

/// <summary>What <see cref="WireWriter"/> primitives write, in bytes, exactly or at most.</summary>
public static class WireSize
{
    /// <summary>A tag and a length: a nested message's bytes besides its own.</summary>
    public const int MostForNesting = 1 + 5;

    /// <summary>A bool field.</summary>
    public const int MostForFlag = 2;

    /// <summary>A string field, exactly.</summary>
    public static int Text(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        return length == 0 ? 0 : 1 + CodedOutputStream.ComputeLengthSize(length) + length;
    }

    /// <summary>The most a string field takes: three UTF-8 bytes for each UTF-16 unit (a surrogate pair takes four for two).</summary>
    public static int MostForText(string value) => MostForNesting + (3 * value.Length);

    /// <summary>An int64 or int32 field, exactly.</summary>
    public static int Number(long value) => value == 0 ? 0 : 1 + CodedOutputStream.ComputeInt64Size(value);

    /// <summary>The most a nested message written by its generated code takes.</summary>
    public static int MostForMessage(IMessage value) => MostForNesting + value.CalculateSize();
}
