using Buf.Validate;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Type = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace TradeGrpc.Validation.Tests;

/// <summary>Message types built at run time with rules the fast path does not cover.</summary>
public sealed class UnsupportedRuleTests
{
    private readonly FastValidator fast = new();

    [Fact]
    public void A_type_with_only_supported_rules_is_supported() =>
        Assert.True(fast.IsSupported(Probe(new FieldRules { String = new StringRules { MinLen = 1, MaxLen = 5 } }, "Leaf")));

    [Fact]
    public void A_rule_without_a_fast_check_marks_the_type_unsupported() =>
        Assert.False(fast.IsSupported(Probe(new FieldRules { String = new StringRules { Email = true } }, "Leaf")));

    [Fact]
    public void An_unsupported_rule_in_a_nested_type_marks_the_outer_type_unsupported() =>
        Assert.False(fast.IsSupported(Probe(new FieldRules { String = new StringRules { Email = true } }, "Outer")));

    [Fact]
    public void A_cel_expression_other_than_the_known_rules_marks_the_type_unsupported() =>
        Assert.False(fast.IsSupported(Probe(new FieldRules { Cel = { new Rule { Id = "short", Expression = "size(this) < 5" } } }, "Leaf")));

    [Fact]
    public void A_pattern_outside_the_plain_re2_subset_marks_the_type_unsupported() =>
        Assert.False(fast.IsSupported(Probe(new FieldRules { String = new StringRules { Pattern = @"^\d+$" } }, "Leaf")));

    /// <summary>probe.Leaf has one string field with <paramref name="rules"/>; probe.Outer holds a Leaf.</summary>
    private static MessageDescriptor Probe(FieldRules rules, string name)
    {
        var options = new FieldOptions();
        options.SetExtension(ValidateExtensions.Field, rules);
        var file = new FileDescriptorProto
        {
            Name = "probe.proto",
            Package = "probe",
            Syntax = "proto3",
            MessageType =
            {
                new DescriptorProto { Name = "Leaf", Field = { Field("text", Type.String, options: options) } },
                new DescriptorProto { Name = "Outer", Field = { Field("leaf", Type.Message, ".probe.Leaf") } },
            },
        };
        var registry = new ExtensionRegistry { ValidateExtensions.Field };
        return FileDescriptor.BuildFromByteStrings([file.ToByteString()], registry)[0].FindTypeByName<MessageDescriptor>(name);
    }

    private static FieldDescriptorProto Field(string name, Type type, string? typeName = null, FieldOptions? options = null)
    {
        var field = new FieldDescriptorProto { Name = name, JsonName = name, Number = 1, Type = type, Label = FieldDescriptorProto.Types.Label.Optional };
        if (typeName is not null)
        {
            field.TypeName = typeName;
        }

        if (options is not null)
        {
            field.Options = options;
        }

        return field;
    }
}
