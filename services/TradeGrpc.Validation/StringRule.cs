using System.Linq.Expressions;

namespace TradeGrpc.Validation;

/// <summary>
/// String <c>min_len</c>/<c>max_len</c> (in code points), <c>pattern</c>, <c>uuid</c> and <c>in</c>.
/// A lone surrogate, or any surrogate under a pattern (RE2 matches code points, <see cref="TextPattern"/> UTF-16 units), is maybe invalid.
/// </summary>
internal sealed class StringRule : IValueRule
{
    private readonly ulong? minLen;
    private readonly ulong? maxLen;
    private readonly TextPattern? pattern;
    private readonly bool uuid;
    private readonly IReadOnlySet<string>? allowed;

    // The verdict on "", found once: most optional text is left empty.
    private readonly bool emptyPasses;

    public StringRule(ulong? minLen, ulong? maxLen, TextPattern? pattern, bool uuid, IReadOnlySet<string>? allowed)
    {
        (this.minLen, this.maxLen, this.pattern, this.uuid, this.allowed) = (minLen, maxLen, pattern, uuid, allowed);
        emptyPasses = Judge("");
    }

    public Expression Test(Expression value) => Expression.Call(Expression.Constant(this), typeof(StringRule).GetMethod(nameof(Passes))!, value);

    public bool Passes(string text) => text.Length == 0 ? emptyPasses : Judge(text);

    private bool Judge(string text)
    {
        var hasSurrogates = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        if (hasSurrogates && pattern is not null)
        {
            return false;
        }

        if (minLen is not null || maxLen is not null)
        {
            var length = hasSurrogates ? CodePoints(text) : text.Length;
            if (length < 0 || (ulong)length < (minLen ?? 0) || (ulong)length > (maxLen ?? ulong.MaxValue))
            {
                return false;
            }
        }

        return (pattern is null || pattern.IsMatch(text))
            && (!uuid || IsUuid(text))
            && (allowed is null || allowed.Contains(text));
    }

    /// <summary>Code points in <paramref name="text"/>, or -1 when it holds a lone surrogate.</summary>
    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return -1;
            }
        }

        return count;
    }

    /// <summary>The 8-4-4-4-12 hex form protovalidate's <c>uuid</c> accepts.</summary>
    private static bool IsUuid(string text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
