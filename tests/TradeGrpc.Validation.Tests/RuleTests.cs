using Google.Protobuf;
using Google.Type;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Validation.Tests;

/// <summary>One rule at a time: the fast path and protovalidate give the same verdict.</summary>
public sealed class RuleTests
{
    private readonly FastValidator fast = new();

    [Fact]
    public void A_pattern_accepts_a_match_and_rejects_other_text() =>
        Agree(true, Quantity("KG", "1"), false, Quantity("kg", "1"), Quantity("", "1"), Quantity("KILOGRAMS", "1"));

    [Fact]
    public void A_pattern_reads_a_trailing_newline_as_re2_does_and_names_the_field()
    {
        Assert.False(fast.IsCertainlyValid(Quantity("KG\n", "1")));
        Assert.False(fast.IsCertainlyValid(Quantity("\nKG", "1")));
        Assert.Equal(["unit"], fast.Failures(Quantity("KG\n", "1")));
        Assert.Equal(["lines[0].quantities[1].unit"], fast.Failures(new QuoteDutyRequest { Lines = { Line(Usd(1, 0), Quantity("KG", "1"), Quantity("NO\n", "1")) } })
            .Where(f => f.StartsWith("lines", StringComparison.Ordinal)));
    }

    [Fact]
    public void String_lengths_are_counted_in_code_points() =>
        Agree(true, Negotiation(string.Concat(Enumerable.Repeat("😀", 200)), "US", "CN"),
            false, Negotiation(string.Concat(Enumerable.Repeat("😀", 201)), "US", "CN"), Negotiation("", "US", "CN"), Negotiation(new string('a', 201), "US", "CN"));

    [Fact]
    public void A_uuid_must_be_hex_in_the_8_4_4_4_12_form_unless_it_is_empty() =>
        Agree(true, Create("2f1c7c2e-8a4b-4c1e-9d7a-3b2a1c0d9e8f"), Create(""),
            false, Create("not-a-uuid"), Create("2f1c7c2e8a4b4c1e9d7a3b2a1c0d9e8f"), Create("2f1c7c2e-8a4b-4c1e-9d7a-3b2a1c0d9e8g"));

    [Fact]
    public void Int32_and_int64_gte_reject_smaller_numbers() =>
        Agree(true, new ListEventsRequest { Parent = "negotiations/a", PageSize = 0 }, new WatchNegotiationRequest { Name = "negotiations/a", AfterSequence = 0 },
            false, new ListEventsRequest { Parent = "negotiations/a", PageSize = -1 }, new WatchNegotiationRequest { Name = "negotiations/a", AfterSequence = -1 });

    [Fact]
    public void Int32_and_int64_lte_reject_larger_numbers() =>
        Agree(true, Compare(999_999_999), new WatchNegotiationRequest { Name = "negotiations/a", AfterSequence = (1L << 53) - 1 },
            false, Compare(1_000_000_000), new WatchNegotiationRequest { Name = "negotiations/a", AfterSequence = 1L << 53 });

    [Fact]
    public void Bytes_max_len_rejects_a_longer_chunk() =>
        Agree(true, new ImportTariffDataRequest { Chunk = ByteString.CopyFrom(new byte[1 << 20]) },
            false, new ImportTariffDataRequest { Chunk = ByteString.CopyFrom(new byte[(1 << 20) + 1]) });

    [Fact]
    public void The_percent_cel_rule_wants_a_plain_number_from_0_to_1000() =>
        Agree(true, Percent("0"), Percent("7.5"), Percent("999.999999999"), Percent("1000"), Percent("1000.000000000"),
            false, Percent("1000.1"), Percent("1001"), Percent("-1"), Percent("1e3"), Percent(""));

    [Fact]
    public void The_decimal_cel_rule_wants_a_plain_non_negative_number() =>
        Agree(true, Quantity("KG", "0"), Quantity("KG", "12.5"), Quantity("KG", "999999999999999.123456789"),
            false, Quantity("KG", "-1"), Quantity("KG", ""), Quantity("KG", "1e5"), Quantity("KG", "1."), Quantity("KG", ".5"), Quantity("KG", "1,5"),
            Quantity("KG", "1.1234567890"), Quantity("KG", "1234567890123456"), Quantity("KG", "١٢"));

    [Fact]
    public void The_decimal_cel_rule_reads_a_trailing_newline_as_re2_does_and_names_the_field() =>
        Assert.Equal(["value"], fast.Failures(Quantity("KG", "12\n")));

    [Fact]
    public void A_required_decimal_must_be_set() =>
        Agree(false, new Quantity { Unit = "KG" });

    [Fact]
    public void Enum_items_must_be_defined_and_not_zero() =>
        Agree(true, Events(EventKind.NegotiationCreated),
            false, Events(EventKind.Unspecified), Events((EventKind)999));

    [Fact]
    public void Repeated_items_are_counted_kept_unique_and_checked_each() =>
        Agree(true, Negotiation("Talks", "US", "CN"),
            false, Negotiation("Talks", "US"), Negotiation("Talks", "US", "US"), Negotiation("Talks", "US", "cn"), Negotiation("Talks", [.. Enumerable.Range(0, 21).Select(i => $"A{(char)('A' + i)}")]));

    [Fact]
    public void A_required_message_and_a_required_oneof_must_be_set() =>
        Agree(true, Export(e => e.PartyName = "Acme"), Export(e => e.Entity = "entities/acme"),
            false, Export(_ => { }), Export(e => { e.PartyName = "Acme"; e.ShipDate = null; }));

    [Fact]
    public void Nested_messages_and_repeated_message_items_are_checked() =>
        Agree(true, Line(Usd(10, 0), Quantity("KG", "1")),
            false, Line(Usd(10, 0), Quantity("KG", "-1")), Line(Usd(10, 0), Quantity("KG", "1"), Quantity("kg", "1")));

    [Fact]
    public void The_usd_cel_rule_wants_an_amount_in_dollars_up_to_ten_trillion() =>
        Agree(true, Line(Usd(0, 0)), Line(Usd(5, 999_999_999)), Line(Usd(10_000_000_000_000, 0)),
            false, Line(null), Line(new Money { CurrencyCode = "EUR", Units = 1 }), Line(Usd(-1, 0)), Line(Usd(1, -1)), Line(Usd(1, 1_000_000_000)),
            Line(Usd(10_000_000_000_001, 0)), Line(Usd(long.MaxValue, 0)));

    private void Agree(bool valid, IMessage first, params object[] rest)
    {
        var expected = valid;
        foreach (var item in rest.Prepend(first))
        {
            if (item is bool flag)
            {
                expected = flag;
                continue;
            }

            var message = (IMessage)item;
            var protovalidateValid = Validators.ProtoValidate.Validate(message, false).Violations.Count == 0;
            Assert.True(expected == protovalidateValid, $"protovalidate {(protovalidateValid ? "accepts" : "rejects")} {message}");
            Assert.True(expected == fast.IsCertainlyValid(message), $"the fast path {(expected ? "rejects" : "accepts")} {message}");
        }
    }

    private static Quantity Quantity(string unit, string value) => new() { Unit = unit, Value = new Google.Type.Decimal { Value = value } };

    private static Money Usd(long units, int nanos) => new() { CurrencyCode = "USD", Units = units, Nanos = nanos };

    private static QuoteLine Line(Money? value, params Quantity[] quantities) =>
        new() { HtsCode = "9403.60.80", OriginCountry = "CN", CustomsValue = value, Quantities = { quantities } };

    private static Negotiation.V1.Negotiation Negotiation(string title, params string[] parties) => new() { Title = title, Parties = { parties } };

    private static CreateNegotiationRequest Create(string requestId) =>
        new() { Negotiation = Negotiation("Talks", "US", "CN"), RequestId = requestId };

    private static CompareDraftsRequest Compare(int toVersion) => new() { Parent = "negotiations/a", FromVersion = 1, ToVersion = toVersion };

    private static WhatIfChange Percent(string value) => new() { Measure = "measures/a", SetRatePercent = new Google.Type.Decimal { Value = value } };

    private static ListEventsRequest Events(EventKind kind) => new() { Parent = "negotiations/a", Kinds = { kind } };

    private static CheckExportRequest Export(Action<CheckExportRequest> change)
    {
        var request = new CheckExportRequest { ExportClassification = "EAR99", ShipDate = new Date { Year = 2025, Month = 1, Day = 2 } };
        change(request);
        return request;
    }

    [Fact]
    public void A_type_with_wrapper_fields_is_checked_set_or_unset()
    {
        // Wrapper fields have no rules of their own; their generated properties are typed string and int?.
        Assert.True(fast.IsCertainlyValid(new Probes.WrapperProbe { Note = "a", Notes = { "b" }, Count = 1 }));
        Assert.True(fast.IsCertainlyValid(new Probes.WrapperProbe()));
        Assert.Empty(fast.Failures(new Probes.WrapperProbe { Note = "a" }));
    }
}
