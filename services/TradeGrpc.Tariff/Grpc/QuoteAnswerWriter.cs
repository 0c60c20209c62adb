using System.Buffers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Type;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// Writes a gRPC call's QuoteDutyResponse straight from the quote (<see cref="EntryDuty"/>), the same bytes as the generated
/// code writes for <c>duty.ToMessage()</c>, without making that message: its lines, components and amounts were most of what a
/// quote allocated (the 10-line quote of the benchmarks, 1,324 bytes, made 94 of them), and the garbage collector's cost grows with their number.
/// Each nested message is sized once, where the generated code sizes it again at every level it is nested in.
/// </summary>
/// <remarks>
/// gRPC and JSON transcoding share the service's handler, which must return the message. For a gRPC call (one whose answer
/// the method's marshaller writes) <see cref="Answer"/> returns an empty message that stands for the quote, and
/// <see cref="Write(QuoteDutyResponse, SerializationContext)"/> writes the quote it stands for. A JSON call gets the whole
/// message, which it formats itself. Nothing between the handler and the marshaller reads the message.
/// </remarks>
internal static class QuoteAnswerWriter
{
    /// <summary>
    /// The fields written, by message. A test holds them to the contract: a field added there fails it until it is
    /// written here. An AllowanceDraw (and what it holds) is mapped to its message and left to its generated code.
    /// </summary>
    public static readonly IReadOnlyDictionary<MessageDescriptor, int[]> Fields = new Dictionary<MessageDescriptor, int[]>
    {
        [QuoteDutyResponse.Descriptor] = [QuoteDutyResponse.LinesFieldNumber, QuoteDutyResponse.TotalDutyFieldNumber, QuoteDutyResponse.DeMinimisFieldNumber],
        [LineQuote.Descriptor] =
        [
            LineQuote.HtsCodeFieldNumber, LineQuote.DutyFieldNumber, LineQuote.ComponentsFieldNumber, LineQuote.DeMinimisFieldNumber,
            LineQuote.ExclusionsAppliedFieldNumber,
        ],
        [DutyComponent.Descriptor] =
        [
            DutyComponent.HeadingFieldNumber, DutyComponent.DescriptionFieldNumber, DutyComponent.RateTextFieldNumber,
            DutyComponent.AmountFieldNumber, DutyComponent.MeasureFieldNumber, DutyComponent.AllowanceFieldNumber, DutyComponent.QuotaDrawFieldNumber,
        ],
        [Money.Descriptor] = [Money.CurrencyCodeFieldNumber, Money.UnitsFieldNumber, Money.NanosFieldNumber],
    };

    private const string Usd = "USD";

    /// <summary>The quotes that gRPC calls' answers stand for, until they are written; weak, so a call that ends first leaves nothing behind.</summary>
    private static readonly ConditionalWeakTable<QuoteDutyResponse, EntryDuty> Unwritten = new();

    /// <summary>The answer the handler returns for <paramref name="duty"/>: for a gRPC call an empty message standing for it; else the message.</summary>
    public static QuoteDutyResponse Answer(EntryDuty duty, ServerCallContext context)
    {
        if (context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            return duty.ToMessage();
        }

        var answer = new QuoteDutyResponse();
        Unwritten.Add(answer, duty);
        return answer;
    }

    /// <summary>The method's response marshaller: the quote an answer stands for, or else the message as its generated code writes it.</summary>
    public static void Write(QuoteDutyResponse answer, SerializationContext context)
    {
        if (Unwritten.TryGetValue(answer, out var duty))
        {
            Unwritten.Remove(answer);
            Write(duty, context);
            return;
        }

        context.SetPayloadLength(answer.CalculateSize());
        answer.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    /// <summary>Writes <paramref name="duty"/> as the bytes of <c>duty.ToMessage()</c>.</summary>
    public static void Write(EntryDuty duty, SerializationContext context)
    {
        // Each line's size and duty, then each of its parts', in the order they are written.
        var slots = ArrayPool<Slot>.Shared.Rent(Count(duty));
        try
        {
            var total = duty.Total.ToUsdParts();
            var length = Size(duty, total, slots);
            context.SetPayloadLength(length);
            var output = context.GetBufferWriter();
            var writer = new WireWriter(output.GetSpan(length)[..length]);
            Write(duty, total, slots, ref writer);
            if (writer.Written != length)
            {
                throw new InvalidOperationException($"wrote {writer.Written} bytes of a {length}-byte answer");
            }

            output.Advance(length);
            context.Complete();
        }
        finally
        {
            ArrayPool<Slot>.Shared.Return(slots);
        }
    }

    private static int Count(EntryDuty duty)
    {
        var count = duty.Lines.Count;
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            count += duty.Lines[i].Parts.Count;
        }

        return count;
    }

    private static int Size(EntryDuty duty, (long Units, int Nanos) total, Slot[] slots)
    {
        var next = 0;
        var size = 0;
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            var line = duty.Lines[i];
            var slot = next++;
            var (units, nanos) = line.Duty.ToUsdParts();
            var lineSize = WireSize.Text(line.HtsCode) + WireSize.Nested(UsdSize(units, nanos)) + WireSize.Flag(line.DeMinimis);
            for (var p = 0; p < line.Parts.Count; p++)
            {
                var part = line.Parts[p];
                var (partUnits, partNanos) = part.Amount.ToUsdParts();
                var partSize = WireSize.Text(part.Heading) + WireSize.Text(part.Description) + WireSize.Text(part.RateText)
                    + WireSize.Nested(UsdSize(partUnits, partNanos)) + WireSize.Text(part.MeasureId) + Size(part.Draw) + Size(part.QuotaDraw);
                slots[next++] = new Slot(partSize, partUnits, partNanos);
                lineSize += WireSize.Nested(partSize);
            }

            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                lineSize += WireSize.RepeatedText(line.ExclusionsApplied[e]);
            }

            slots[slot] = new Slot(lineSize, units, nanos);
            size += WireSize.Nested(lineSize);
        }

        return size + WireSize.Nested(UsdSize(total.Units, total.Nanos)) + WireSize.Flag(duty.DeMinimis);
    }

    private static int Size(Domain.Allowances.AllowanceDraw? draw) => draw is null ? 0 : WireSize.Message(draw.ToMessage());

    private static int UsdSize(long units, int nanos) => WireSize.Text(Usd) + WireSize.Number(units) + WireSize.Number(nanos);

    private static void Write(EntryDuty duty, (long Units, int Nanos) total, Slot[] slots, ref WireWriter writer)
    {
        var next = 0;
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            var line = duty.Lines[i];
            var slot = slots[next++];
            writer.Nested(QuoteDutyResponse.LinesFieldNumber, slot.Size);
            writer.Text(LineQuote.HtsCodeFieldNumber, line.HtsCode);
            WriteUsd(LineQuote.DutyFieldNumber, slot.Units, slot.Nanos, ref writer);
            for (var p = 0; p < line.Parts.Count; p++)
            {
                var part = line.Parts[p];
                var partSlot = slots[next++];
                writer.Nested(LineQuote.ComponentsFieldNumber, partSlot.Size);
                writer.Text(DutyComponent.HeadingFieldNumber, part.Heading);
                writer.Text(DutyComponent.DescriptionFieldNumber, part.Description);
                writer.Text(DutyComponent.RateTextFieldNumber, part.RateText);
                WriteUsd(DutyComponent.AmountFieldNumber, partSlot.Units, partSlot.Nanos, ref writer);
                writer.Text(DutyComponent.MeasureFieldNumber, part.MeasureId);
                Write(DutyComponent.AllowanceFieldNumber, part.Draw, ref writer);
                Write(DutyComponent.QuotaDrawFieldNumber, part.QuotaDraw, ref writer);
            }

            writer.Flag(LineQuote.DeMinimisFieldNumber, line.DeMinimis);
            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                writer.RepeatedText(LineQuote.ExclusionsAppliedFieldNumber, line.ExclusionsApplied[e]);
            }
        }

        WriteUsd(QuoteDutyResponse.TotalDutyFieldNumber, total.Units, total.Nanos, ref writer);
        writer.Flag(QuoteDutyResponse.DeMinimisFieldNumber, duty.DeMinimis);
    }

    /// <summary>A Money in US dollars, as <see cref="ProtoValues.ToUsd"/> makes it: always present, so always written.</summary>
    private static void WriteUsd(int field, long units, int nanos, ref WireWriter writer)
    {
        writer.Nested(field, UsdSize(units, nanos));
        writer.Text(Money.CurrencyCodeFieldNumber, Usd);
        writer.Number(Money.UnitsFieldNumber, units);
        writer.Number(Money.NanosFieldNumber, nanos);
    }

    private static void Write(int field, Domain.Allowances.AllowanceDraw? draw, ref WireWriter writer)
    {
        if (draw is not null)
        {
            writer.Message(field, draw.ToMessage());
        }
    }

    /// <summary>A line's or a part's size, and the units and nanos of its amount, worked out once for both passes.</summary>
    private readonly record struct Slot(int Size, long Units, int Nanos);
}
