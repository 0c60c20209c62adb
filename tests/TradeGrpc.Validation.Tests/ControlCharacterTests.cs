using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Validation.Tests;

public sealed class ControlCharacterTests
{
    [Fact]
    public void Find_TabsLineBreaksAndOtherText_FindsNothing() =>
        Assert.Empty(ControlCharacters.Find(new Statement { Quote = "Line one\r\n\tLine two — 第二行 😀" }));

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    public void Find_AControlCharacterInFreeText_NamesTheField(string control) =>
        Assert.Equal(["quote"], ControlCharacters.Find(new Statement { Quote = $"We will{control} respond" }));

    [Fact]
    public void Find_ControlCharactersInNestedAndRepeatedFields_NamesEachPath()
    {
        var request = new QuoteDutyRequest
        {
            ImportingCountry = "US\0",
            Lines =
            {
                new QuoteLine { HtsCode = "9403.60.80" },
                new QuoteLine { HtsCode = "9403.60.80", Quantities = { new Quantity { Unit = "KG", Value = new Google.Type.Decimal { Value = "1\u0000" } } } },
            },
        };

        Assert.Equal(["importing_country", "lines[1].quantities[0].value.value"], ControlCharacters.Find(request));
    }

    [Fact]
    public void Find_ControlCharactersInMapsAndRecursiveTypes_NamesEachPath()
    {
        // Struct holds a map of Value, and a Value may hold a list of Values: a type that reaches itself.
        var nested = new Struct { Fields = { ["quiet"] = Value.ForNumber(1), ["loud"] = Value.ForList(Value.ForString("fine"), Value.ForString("bell\a")) } };
        var message = new Struct { Fields = { ["key\0"] = Value.ForString("fine"), ["inner"] = Value.ForStruct(nested) } };

        Assert.Equal(
            ["fields[\"key\0\"]", "fields[\"inner\"].struct_value.fields[\"loud\"].list_value.values[1].string_value"],
            ControlCharacters.Find(message));
    }

    [Fact]
    public void Find_ControlCharactersInWrapperFields_NamesEachPath()
    {
        // A StringValue's generated property is a string (null when unset), not the wrapper message.
        var probe = new Probes.WrapperProbe { Note = "bell\a", Notes = { "fine", "nul\0" }, Count = 3 };

        Assert.Equal(["note", "notes[1]"], ControlCharacters.Find(probe));
        Assert.Empty(ControlCharacters.Find(new Probes.WrapperProbe { Notes = { "fine" } }));
    }
}
