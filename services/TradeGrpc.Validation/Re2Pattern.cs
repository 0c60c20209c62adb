using System.Text;
using System.Text.RegularExpressions;

namespace TradeGrpc.Validation;

/// <summary>
/// Turns the plain subset of RE2 the protos use into a .NET regex that matches the same strings:
/// <c>$</c> becomes <c>\z</c> (in .NET it also matches before a final newline). Anything outside the
/// subset (letter escapes such as <c>\d</c>, groups with <c>(?</c>, POSIX or nested classes) gives null.
/// </summary>
internal static class Re2Pattern
{
    public static Regex? TryCompile(string pattern)
    {
        var net = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 == pattern.Length || char.IsAsciiLetterOrDigit(pattern[i + 1]) || !char.IsAscii(pattern[i + 1]))
                {
                    return null;
                }

                net.Append(c).Append(pattern[++i]);
            }
            else if (inClass)
            {
                if (c == '[')
                {
                    return null;
                }

                inClass = c != ']';
                net.Append(c);
            }
            else if (c == '[')
            {
                inClass = true;
                net.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    net.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    return null;
                }
            }
            else if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                return null;
            }
            else
            {
                net.Append(c == '$' ? @"\z" : c.ToString());
            }
        }

        return inClass ? null : new Regex(net.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
