using System.Buffers;
using Google.Protobuf.Reflection;
using Google.Type;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// Writes a QuoteDutyResponse sizing each nested message once, the same bytes as its generated code. That code sizes a
/// message again at every level it is nested in (a line's duty Money three times, a component's four), and measures
/// each string's UTF-8 length each time. The 10-line answer of the benchmarks (1,324 bytes) takes 1.69 us here and
/// allocates nothing (<c>-- pieces</c>, <c>Answer</c>).
/// </summary>
internal static class QuoteAnswerWriter
{
    /// <summary>
    /// The fields written, by message. A test holds them to the contract: a field added there fails it until it is
    /// written here. An AllowanceDraw (and what it holds) is left to its generated code.
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

    public static void Write(QuoteDutyResponse answer, SerializationContext context)
    {
        // Each line's size, then each of its components', in the order they are written.
        var sizes = ArrayPool<int>.Shared.Rent(Count(answer));
        try
        {
            var length = Size(answer, sizes);
            context.SetPayloadLength(length);
            var output = context.GetBufferWriter();
            var writer = new WireWriter(output.GetSpan(length)[..length]);
            Write(answer, sizes, ref writer);
            if (writer.Written != length)
            {
                throw new InvalidOperationException($"wrote {writer.Written} bytes of a {length}-byte answer");
            }

            output.Advance(length);
            context.Complete();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    private static int Count(QuoteDutyResponse answer)
    {
        var count = answer.Lines.Count;
        for (var i = 0; i < answer.Lines.Count; i++)
        {
            count += answer.Lines[i].Components.Count;
        }

        return count;
    }

    private static int Size(QuoteDutyResponse answer, int[] sizes)
    {
        var next = 0;
        var size = 0;
        for (var i = 0; i < answer.Lines.Count; i++)
        {
            var line = answer.Lines[i];
            var slot = next++;
            var lineSize = WireSize.Text(line.HtsCode) + Size(line.Duty) + WireSize.Flag(line.DeMinimis);
            for (var c = 0; c < line.Components.Count; c++)
            {
                var component = line.Components[c];
                var componentSize = WireSize.Text(component.Heading) + WireSize.Text(component.Description) + WireSize.Text(component.RateText)
                    + Size(component.Amount) + WireSize.Text(component.Measure) + Size(component.Allowance) + Size(component.QuotaDraw);
                sizes[next++] = componentSize;
                lineSize += WireSize.Nested(componentSize);
            }

            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                lineSize += WireSize.RepeatedText(line.ExclusionsApplied[e]);
            }

            sizes[slot] = lineSize;
            size += WireSize.Nested(lineSize);
        }

        return size + Size(answer.TotalDuty) + WireSize.Flag(answer.DeMinimis);
    }

    private static int Size(Money? money) => money is null ? 0 : WireSize.Nested(MoneySize(money));

    private static int Size(AllowanceDraw? draw) => draw is null ? 0 : WireSize.Message(draw);

    private static int MoneySize(Money money) => WireSize.Text(money.CurrencyCode) + WireSize.Number(money.Units) + WireSize.Number(money.Nanos);

    private static void Write(QuoteDutyResponse answer, int[] sizes, ref WireWriter writer)
    {
        var next = 0;
        for (var i = 0; i < answer.Lines.Count; i++)
        {
            var line = answer.Lines[i];
            writer.Nested(QuoteDutyResponse.LinesFieldNumber, sizes[next++]);
            writer.Text(LineQuote.HtsCodeFieldNumber, line.HtsCode);
            Write(LineQuote.DutyFieldNumber, line.Duty, ref writer);
            for (var c = 0; c < line.Components.Count; c++)
            {
                var component = line.Components[c];
                writer.Nested(LineQuote.ComponentsFieldNumber, sizes[next++]);
                writer.Text(DutyComponent.HeadingFieldNumber, component.Heading);
                writer.Text(DutyComponent.DescriptionFieldNumber, component.Description);
                writer.Text(DutyComponent.RateTextFieldNumber, component.RateText);
                Write(DutyComponent.AmountFieldNumber, component.Amount, ref writer);
                writer.Text(DutyComponent.MeasureFieldNumber, component.Measure);
                Write(DutyComponent.AllowanceFieldNumber, component.Allowance, ref writer);
                Write(DutyComponent.QuotaDrawFieldNumber, component.QuotaDraw, ref writer);
            }

            writer.Flag(LineQuote.DeMinimisFieldNumber, line.DeMinimis);
            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                writer.RepeatedText(LineQuote.ExclusionsAppliedFieldNumber, line.ExclusionsApplied[e]);
            }
        }

        Write(QuoteDutyResponse.TotalDutyFieldNumber, answer.TotalDuty, ref writer);
        writer.Flag(QuoteDutyResponse.DeMinimisFieldNumber, answer.DeMinimis);
    }

    private static void Write(int field, Money? money, ref WireWriter writer)
    {
        if (money is not null)
        {
            writer.Nested(field, MoneySize(money));
            writer.Text(Money.CurrencyCodeFieldNumber, money.CurrencyCode);
            writer.Number(Money.UnitsFieldNumber, money.Units);
            writer.Number(Money.NanosFieldNumber, money.Nanos);
        }
    }

    private static void Write(int field, AllowanceDraw? draw, ref WireWriter writer)
    {
        if (draw is not null)
        {
            writer.Message(field, draw);
        }
    }
}
