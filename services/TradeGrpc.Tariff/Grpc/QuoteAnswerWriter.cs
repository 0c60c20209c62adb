using System.Buffers;
using System.Runtime.CompilerServices;
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
/// It is written in one pass, each nested message's length once the message is written, where the generated code sizes a
/// message again at every level it is nested in.
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

    /// <summary>A Money in US dollars: its tag and length, its currency code, and a units and a nanos of ten bytes at most each.</summary>
    private const int MostForUsd = WireSize.MostForNesting + 1 + 1 + 3 + 11 + 11;

    /// <summary>The currency code field's bytes, the same in every Money written.</summary>
    private static readonly int UsdCodeBytes = WireSize.Text(Usd);

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

        ResponseWriterBinder.WriteAsGenerated(answer, context);
    }

    /// <summary>Writes <paramref name="duty"/> as the bytes of <c>duty.ToMessage()</c>.</summary>
    public static void Write(EntryDuty duty, SerializationContext context)
    {
        // One pass into a buffer long enough for the longest answer the quote could make, then copied to the call: the
        // copy costs less than sizing every line, part and text before writing them.
        var buffer = ArrayPool<byte>.Shared.Rent(MostBytes(duty));
        try
        {
            var writer = new WireWriter(buffer);
            Write(duty, ref writer);
            var length = writer.Written;
            context.SetPayloadLength(length);
            var output = context.GetBufferWriter();
            buffer.AsSpan(0, length).CopyTo(output.GetSpan(length));
            output.Advance(length);
            context.Complete();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int MostBytes(EntryDuty duty)
    {
        var most = MostForUsd + WireSize.MostForFlag;
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            var line = duty.Lines[i];
            most += WireSize.MostForNesting + WireSize.MostForText(line.HtsCode) + MostForUsd + WireSize.MostForFlag;
            for (var p = 0; p < line.Parts.Count; p++)
            {
                var part = line.Parts[p];
                most += WireSize.MostForNesting + WireSize.MostForText(part.Heading) + WireSize.MostForText(part.Description)
                    + WireSize.MostForText(part.RateText) + MostForUsd + WireSize.MostForText(part.MeasureId) + MostBytes(part.Draw) + MostBytes(part.QuotaDraw);
            }

            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                most += WireSize.MostForText(line.ExclusionsApplied[e]);
            }
        }

        return most;
    }

    private static int MostBytes(Domain.Allowances.AllowanceDraw? draw) => draw is null ? 0 : WireSize.MostForMessage(draw.ToMessage());

    private static int UsdSize(long units, int nanos) => UsdCodeBytes + WireSize.Number(units) + WireSize.Number(nanos);

    private static void Write(EntryDuty duty, ref WireWriter writer)
    {
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            var line = duty.Lines[i];
            var lineStart = writer.BeginNested(QuoteDutyResponse.LinesFieldNumber);
            writer.Text(LineQuote.HtsCodeFieldNumber, line.HtsCode);
            WriteUsd(LineQuote.DutyFieldNumber, line.Duty, ref writer);
            for (var p = 0; p < line.Parts.Count; p++)
            {
                var part = line.Parts[p];
                var partStart = writer.BeginNested(LineQuote.ComponentsFieldNumber);
                writer.Text(DutyComponent.HeadingFieldNumber, part.Heading);
                writer.Text(DutyComponent.DescriptionFieldNumber, part.Description);
                writer.Text(DutyComponent.RateTextFieldNumber, part.RateText);
                WriteUsd(DutyComponent.AmountFieldNumber, part.Amount, ref writer);
                writer.Text(DutyComponent.MeasureFieldNumber, part.MeasureId);
                Write(DutyComponent.AllowanceFieldNumber, part.Draw, ref writer);
                Write(DutyComponent.QuotaDrawFieldNumber, part.QuotaDraw, ref writer);
                writer.EndNested(partStart);
            }

            writer.Flag(LineQuote.DeMinimisFieldNumber, line.DeMinimis);
            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                writer.RepeatedText(LineQuote.ExclusionsAppliedFieldNumber, line.ExclusionsApplied[e]);
            }

            writer.EndNested(lineStart);
        }

        WriteUsd(QuoteDutyResponse.TotalDutyFieldNumber, duty.Total, ref writer);
        writer.Flag(QuoteDutyResponse.DeMinimisFieldNumber, duty.DeMinimis);
    }

    /// <summary>A Money in US dollars, as <see cref="ProtoValues.ToUsd"/> makes it: always present, so always written.</summary>
    private static void WriteUsd(int field, decimal amount, ref WireWriter writer)
    {
        var (units, nanos) = amount.ToUsdParts();
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
}
