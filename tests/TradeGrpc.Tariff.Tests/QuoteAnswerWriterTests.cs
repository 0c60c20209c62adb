using System.Buffers;
using Google.Protobuf;
using Google.Type;
using Grpc.Core;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// QuoteDuty's answers are written by <see cref="QuoteAnswerWriter"/>, not by their generated code: each answer here,
/// between them setting every field it writes, must come out as the same bytes as <c>ToByteArray()</c>.
/// </summary>
public sealed class QuoteAnswerWriterTests
{
    private static Money Usd(long units, int nanos = 0) => new() { CurrencyCode = "USD", Units = units, Nanos = nanos };

    private static DutyComponent Component(string heading, string description, string rate, Money amount, string measure = "") =>
        new() { Heading = heading, Description = description, RateText = rate, Amount = amount, Measure = measure };

    public static TheoryData<string, QuoteDutyResponse> Answers() => new()
    {
        { "no lines", new QuoteDutyResponse { TotalDuty = Usd(0) } },
        { "an empty message", new QuoteDutyResponse() },
        {
            "list 2 over a specific and ad valorem base rate",
            new QuoteDutyResponse
            {
                Lines =
                {
                    new LineQuote
                    {
                        HtsCode = "9028.10.00", Duty = Usd(1391),
                        Components =
                        {
                            Component("", "MFN base rate", "16 cents each + 2.5%", Usd(141)),
                            Component("9903.88.02", "Section 301 list 2", "25%", Usd(1250), "measures/us-301-list-2"),
                        },
                    },
                },
                TotalDuty = Usd(1391),
            }
        },
        {
            "de minimis, cents and a line with nothing set",
            new QuoteDutyResponse
            {
                Lines = { new LineQuote { HtsCode = "6109.10.00", Duty = Usd(0), DeMinimis = true }, new LineQuote() },
                TotalDuty = Usd(12, 340_000_000),
                DeMinimis = true,
            }
        },
        {
            "exclusions applied, one of them empty, and a component with an empty amount",
            new QuoteDutyResponse
            {
                Lines =
                {
                    new LineQuote
                    {
                        HtsCode = "8504.40.95", Duty = Usd(0), ExclusionsApplied = { "exclusions/us-301-2019-0001", "" },
                        Components = { Component("", "MFN base rate", "Free", new Money()) },
                    },
                },
            }
        },
        {
            "an allowance drawn and the quota beyond it",
            new QuoteDutyResponse
            {
                Lines =
                {
                    new LineQuote
                    {
                        HtsCode = "7216.10.00", Duty = Usd(300),
                        Components =
                        {
                            new DutyComponent
                            {
                                Heading = "9903.80.01", Description = "Section 232 steel", RateText = "25%", Amount = Usd(0), Measure = "measures/us-232-steel",
                                Allowance = new AllowanceDraw
                                {
                                    Source = "exclusions/us-232-steel-kr-0001",
                                    Remaining = new Allowance { Quantity = new Quantity { Unit = "T", Value = new Google.Type.Decimal { Value = "100" } } },
                                    Drawn = new Allowance { Quantity = new Quantity { Unit = "T", Value = new Google.Type.Decimal { Value = "100" } } },
                                    Beyond = new Allowance { Quantity = new Quantity { Unit = "T", Value = new Google.Type.Decimal { Value = "50" } } },
                                },
                                QuotaDraw = new AllowanceDraw
                                {
                                    Source = "measures/us-232-steel/quotas/KR/2019-01-01",
                                    Remaining = new Allowance { Value = Usd(10_000) },
                                    Drawn = new Allowance { Value = Usd(5_000) },
                                },
                            },
                        },
                    },
                },
                TotalDuty = Usd(300),
            }
        },
        {
            // Multi-byte characters; a negative amount (a negative int32 takes ten bytes); a description of 200 bytes,
            // whose length takes two bytes; and a line over 127 bytes, whose length takes two as well.
            "text beyond ASCII, negative numbers and lengths over 127",
            new QuoteDutyResponse
            {
                Lines =
                {
                    new LineQuote
                    {
                        HtsCode = "0101.21.00", Duty = Usd(-5, -250_000_000),
                        Components =
                        {
                            Component("9903.01.99", "Zoll für Stahl — 25 % ad valorem, 关税", "25 %", Usd(-5, -250_000_000), "measures/x"),
                            Component("", new string('d', 200), "Free", Usd(long.MaxValue, 999_999_999)),
                        },
                    },
                },
                TotalDuty = Usd(long.MinValue),
            }
        },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Write_EveryFieldItWrites_SameBytesAsTheGeneratedCode(string answer, QuoteDutyResponse message)
    {
        var context = new CapturingContext();

        QuoteAnswerWriter.Write(message, context);

        Assert.True(context.Completed, answer);
        Assert.Equal(message.ToByteArray(), context.Written);
        Assert.Equal(context.Written.Length, context.PayloadLength);
    }

    [Fact]
    public void Fields_EachMessageItWrites_AreAllTheFieldsTheContractGivesIt()
    {
        foreach (var (message, written) in QuoteAnswerWriter.Fields)
        {
            Assert.Equal(message.Fields.InFieldNumberOrder().Select(f => f.FieldNumber), written);
        }
    }

    private sealed class CapturingContext : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> output = new();

        public int PayloadLength { get; private set; } = -1;

        public bool Completed { get; private set; }

        public byte[] Written => output.WrittenSpan.ToArray();

        public override void SetPayloadLength(int payloadLength) => PayloadLength = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => output;

        public override void Complete() => Completed = true;
    }
}
