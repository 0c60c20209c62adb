using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// A gRPC call's QuoteDuty answer is written straight from the quote by <see cref="QuoteAnswerWriter"/>, not by the generated
/// code of its message: each quote here, between them setting every field it writes, must come out as the same bytes as
/// <c>ToMessage().ToByteArray()</c>, and a JSON call must still get the whole message.
/// </summary>
public sealed class QuoteAnswerWriterTests
{
    private static DutyPart Part(string heading, string description, string rate, decimal amount, string measure = "") => new(heading, description, rate, amount, measure);

    public static TheoryData<string, EntryDuty> Quotes() => new()
    {
        { "no lines", new EntryDuty([], 0m, false) },
        {
            "list 2 over a specific and ad valorem base rate",
            new EntryDuty(
                [
                    new LineDuty("9028.10.00", 1391m,
                        [Part("", "MFN base rate", "16 cents each + 2.5%", 141m), Part("9903.88.02", "Section 301 list 2", "25%", 1250m, "measures/us-301-list-2")],
                        false, []),
                ],
                1391m, false)
        },
        {
            "de minimis, cents and a line with nothing set",
            new EntryDuty([new LineDuty("6109.10.00", 0m, [], true, []), new LineDuty("", 0m, [], false, [])], 12.34m, true)
        },
        {
            "exclusions applied, one of them empty, and a component with a zero amount",
            new EntryDuty([new LineDuty("8504.40.95", 0m, [Part("", "MFN base rate", "Free", 0m)], false, ["exclusions/us-301-2019-0001", ""])], 0m, false)
        },
        {
            "an allowance drawn and the quota beyond it",
            new EntryDuty(
                [
                    new LineDuty("7216.10.00", 300m,
                        [
                            Part("9903.80.01", "Section 232 steel", "25%", 0m, "measures/us-232-steel") with
                            {
                                Draw = new AllowanceDraw("exclusions/us-232-steel-kr-0001", "T", 100m, 100m, 50m),
                                QuotaDraw = new AllowanceDraw("measures/us-232-steel/quotas/KR/2019-01-01", Allowance.Usd, 10_000m, 5_000m, 0m),
                            },
                        ],
                        false, []),
                ],
                300m, false)
        },
        {
            // Multi-byte characters; a negative amount (a negative int32 takes ten bytes); nanos beyond a cent; a description
            // of 200 bytes, whose length takes two bytes; and a line over 127 bytes, whose length takes two as well.
            "text beyond ASCII, negative numbers, nanos and lengths over 127",
            new EntryDuty(
                [
                    new LineDuty("0101.21.00", -5.25m,
                        [
                            Part("9903.01.99", "Zoll für Stahl — 25 % ad valorem, 关税", "25 %", -5.25m, "measures/x"),
                            Part("", new string('d', 200), "Free", 9_223_372_036_854_775_807.999999999m),
                        ],
                        false, []),
                ],
                -9_223_372_036_854_775_808.123456789m, false)
        },
        {
            // Every character three bytes, as many as the writer's buffer allows for; a component and a line over 16,383 bytes, whose lengths take three.
            "a description of 18,000 bytes in three-byte characters",
            new EntryDuty([new LineDuty("8541.40.60", 0.01m, [Part("9903.88.03", new string('关', 6_000), "25%", 0.01m, "measures/us-301-list-3")], false, [])], 0.01m, false)
        },
    };

    [Theory]
    [MemberData(nameof(Quotes))]
    public void Write_EveryFieldItWrites_SameBytesAsTheGeneratedCodeOfItsMessage(string quote, EntryDuty duty)
    {
        var context = new CapturingContext();

        QuoteAnswerWriter.Write(duty, context);

        Assert.True(context.Completed, quote);
        Assert.Equal(duty.ToMessage().ToByteArray(), context.Written);
        Assert.Equal(context.Written.Length, context.PayloadLength);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    public void Answer_GrpcCall_StandsForTheQuoteUntilTheMarshallerWritesIt(string contentType)
    {
        var duty = Quotes().Select(row => (EntryDuty)row[1]).Last();

        var answer = QuoteAnswerWriter.Answer(duty, Hosted(contentType));
        var context = new CapturingContext();
        QuoteAnswerWriter.Write(answer, context);

        Assert.Equal(0, answer.CalculateSize());
        Assert.Equal(duty.ToMessage().ToByteArray(), context.Written);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public void Answer_JsonCall_IsTheWholeMessage(string? contentType)
    {
        var duty = Quotes().Select(row => (EntryDuty)row[1]).Last();

        var answer = QuoteAnswerWriter.Answer(duty, Hosted(contentType));

        Assert.Equal(duty.ToMessage(), answer);
    }

    [Fact]
    public void Write_MessageStandingForNoQuote_AsItsGeneratedCodeWritesIt()
    {
        var message = Quotes().Select(row => ((EntryDuty)row[1]).ToMessage()).Last();
        var context = new CapturingContext();

        QuoteAnswerWriter.Write(message, context);

        Assert.True(context.Completed);
        Assert.Equal(message.ToByteArray(), context.Written);
    }

    [Fact]
    public void Fields_EachMessageItWrites_AreAllTheFieldsTheContractGivesIt()
    {
        foreach (var (message, written) in QuoteAnswerWriter.Fields)
        {
            Assert.Equal(message.Fields.InFieldNumberOrder().Select(f => f.FieldNumber), written);
        }
    }

    /// <summary>A QuoteDuty call hosted by ASP.NET Core whose request is of <paramref name="contentType"/>.</summary>
    private static DirectCall Hosted(string? contentType) => DirectCall.Hosted("/trade.tariff.v1.TariffService/QuoteDuty", contentType);

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
