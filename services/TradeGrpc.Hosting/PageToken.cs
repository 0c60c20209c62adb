using System.Buffers.Text;
using System.Text;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>
/// Opaque AIP-158 page tokens: the key of the last item returned, bound to the query that
/// produced it so that a token cannot be replayed against a different filter.
/// </summary>
public static class PageToken
{
    public static string Encode(string query, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{query}\n{lastKey}"));

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    public static string? Decode(string token, string query)
    {
        if (token.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw Invalid("is not a token this service issued.");
        }

        var separator = text.IndexOf('\n', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw Invalid("is not a token this service issued.");
        }

        if (text[..separator] != query)
        {
            throw Invalid("belongs to a call with other filters; repeat the call's filters or start from the first page.");
        }

        return text[(separator + 1)..];
    }

    /// <summary>The page size to use: <paramref name="defaultSize"/> for 0, at most 1000.</summary>
    public static int Size(int requested, int defaultSize) => requested == 0 ? defaultSize : Math.Min(requested, 1000);

    /// <summary>One page of an in-memory list in its order, after the item whose key the token holds, and the next token.</summary>
    public static (IReadOnlyList<T> Page, string NextToken) Slice<T>(IReadOnlyList<T> items, Func<T, string> key, string token, int requestedSize, int defaultSize, string query)
    {
        var after = Decode(token, query);
        var start = 0;
        if (after is not null)
        {
            while (start < items.Count && key(items[start]) != after)
            {
                start++;
            }

            start++;
        }

        var size = Size(requestedSize, defaultSize);
        var page = items.Skip(start).Take(size).ToList();
        var next = start + size < items.Count ? Encode(query, key(page[^1])) : "";
        return (page, next);
    }

    private static InvalidRequestException Invalid(string description) =>
        new("INVALID_PAGE_TOKEN", new RequestFieldError("page_token", description));
}
