using Google.Protobuf;
using Xunit.Abstractions;

namespace TradeGrpc.Validation.Tests;

public sealed class AgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_request_type_of_both_services_is_supported_by_the_fast_path()
    {
        var fast = new FastValidator();

        var unsupported = RequestTypes.Reached.Where(d => !fast.IsSupported(d)).Select(d => d.FullName).ToList();

        Assert.Empty(unsupported);
    }

    [Theory]
    [MemberData(nameof(RequestTypes.InputNames), MemberType = typeof(RequestTypes))]
    public void The_fast_path_calls_a_request_valid_exactly_when_protovalidate_finds_no_violation(string type)
    {
        var fast = new FastValidator();
        var descriptor = RequestTypes.Named(type);
        var generator = new InstanceGenerator(Validators.ProtoValidate, seed: type.GetHashCode(StringComparison.Ordinal));
        var unsafeVerdicts = new List<string>();
        var missed = new List<string>();
        int valid = 0, invalid = 0;

        foreach (var message in generator.Instances(descriptor))
        {
            var violations = Validators.ProtoValidate.Validate(message, false).Violations;
            var fastSaysValid = fast.IsCertainlyValid(message);
            if (violations.Count == 0)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            if (fastSaysValid && violations.Count > 0)
            {
                unsafeVerdicts.Add($"[{string.Join("; ", violations.Select(v => v.RuleId))}] {Describe(message)}");
            }
            else if (!fastSaysValid && violations.Count == 0 && !ProtovalidateReadsLoosely(message))
            {
                missed.Add(Describe(message));
            }
        }

        output.WriteLine($"{type}: {valid} valid, {invalid} invalid instances");
        foreach (var line in unsafeVerdicts.Take(5).Select(u => "fast valid, protovalidate invalid: " + u)
            .Concat(missed.Take(5).Select(m => "protovalidate valid, fast maybe invalid: " + m)))
        {
            output.WriteLine(line);
        }

        Assert.True(valid > 0, $"no valid instance of {type} was generated");
        Assert.True(invalid > 0, $"no invalid instance of {type} was generated");
        Assert.Empty(unsafeVerdicts);
        Assert.Empty(missed);
    }

    /// <summary>
    /// Text on which the two differ on purpose: protovalidate-net matches patterns (and uuid) with
    /// .NET's <c>$</c>, which accepts a final "\n" that RE2 rejects, and the fast path does not judge
    /// lone surrogates. The interceptor takes the fast path's RE2 reading of the first (its failures
    /// name the fields), and no lone surrogate survives the wire's UTF-8.
    /// </summary>
    private static bool ProtovalidateReadsLoosely(IMessage message) =>
        message.Descriptor.Fields.InDeclarationOrder().Any(field =>
        {
            var value = field.Accessor.GetValue(message);
            var items = field.IsMap ? [] : field.IsRepeated ? ((System.Collections.IList)value).Cast<object>() : [value];
            return items.Any(item => item switch
            {
                string text => text.EndsWith('\n') || text.EnumerateRunes().Any(r => r == System.Text.Rune.ReplacementChar),
                IMessage nested => ProtovalidateReadsLoosely(nested),
                _ => false,
            });
        });

    private static string Describe(IMessage message)
    {
        try
        {
            return JsonFormatter.Default.Format(message);
        }
        catch (ArgumentException)
        {
            return message.Descriptor.Name + " holding a lone surrogate";
        }
    }
}
