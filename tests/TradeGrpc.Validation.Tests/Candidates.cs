using Buf.Validate;
using Google.Protobuf.Reflection;

namespace TradeGrpc.Validation.Tests;

/// <summary>Boundary values for one field's rules: some valid, most not; protovalidate is the judge.</summary>
internal static class Candidates
{
    private const string Uuid = "2f1c7c2e-8a4b-4c1e-9d7a-3b2a1c0d9e8f";

    // The SHA-256 of nothing, in lowercase hex (an import header's sha256).
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly string[] Corpus =
    [
        "", "a", "AB", "ab", "Ab", "US", "CN", "KG", "K", "N", "USD", "abc", "m1", "-x", "a-b", "latest", "é", "😀", "\uD800", " US",
        "EAR99", "3A001", "3A001.a", "3a001", "9403.60.80", "9403608000", "94036080", "9403.60", "9403.60.80.10", "9403", "940360", "0101.10.00",
        "measures/s301-list-3", "measures/Bad", "measures/", "exclusions/x-1", "entities/acme", "licenses/l-1", "tariffLines/94036080", "tariffLines/9403",
        "negotiations/us-cn", "negotiations/us-cn/rounds/1", "negotiations/us-cn/issues/2", "negotiations/us-cn/commitments/3", "negotiations/us-cn/statements/4",
        "negotiations/us-cn/drafts/latest", "negotiations/us-cn/drafts/7", "negotiations/US", "x-1",
        "0", "1.5", "12.123456789", "12.1234567890", "-1", "1.", ".5", "1e5", "+1", "123456789012345", "1234567890123456", "١٢",
        Uuid, Uuid.ToUpperInvariant(), Uuid.Replace("-", "", StringComparison.Ordinal), "{" + Uuid + "}", Uuid[..35], Uuid + "0",
        Sha256, Sha256.ToUpperInvariant(), Sha256[..63],
        "entries/" + Sha256[..32], "entries/" + Sha256[..32].ToUpperInvariant(), "entries/" + Sha256[..31],
    ];

    public static List<string> Strings(StringRules? rules)
    {
        var values = new List<string>(Corpus);
        values.AddRange(Corpus.Where(s => s.Length > 0).SelectMany(s => new[] { s + "\n", "\n" + s, s + "!" }));
        values.Add(Uuid + "\n");
        if (rules is not null)
        {
            foreach (var length in new[] { rules.MinLen, rules.MaxLen }.Where(l => l is > 0 and < 30_000).Select(l => (int)l))
            {
                values.AddRange([new string('a', length - 1), new string('a', length), new string('a', length + 1)]);
                values.AddRange([string.Concat(Enumerable.Repeat("😀", length)), string.Concat(Enumerable.Repeat("😀", length + 1))]);
            }

            values.AddRange(rules.In);
        }

        return values;
    }

    public static object[] Scalars(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Int32 => [0, 1, -1, 2, int.MinValue, int.MaxValue],
        FieldType.Int64 => [0L, 1L, -1L, long.MinValue, long.MaxValue],
        FieldType.Bool => [false, true],
        FieldType.Enum => [.. field.EnumType.Values.Select(v => v.Number).Concat([-1, 999]).Distinct()
            .Select(n => Enum.ToObject(field.EnumType.ClrType, n))],
        _ => [],
    };
}
