using System.Buffers.Text;
using System.Text;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>
/// Opaque AIP-158 page tokens: the key of the last item returned, bound to the query that
/// produced it so that a token cannot be replayed against a different filter. Every list of both
/// services pages the same way: <see cref="DefaultSize"/> items when page_size is 0, at most
/// <see cref="MaxSize"/>.
/// </summary>
public static class PageToken
{
    public const int DefaultSize = 100;

    public const int MaxSize = 1000;

    private static string Encode(string query, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{query}\n{lastKey}"));

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    private static string? Decode(string token, string query)
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

    /// <summary>
    /// One page of a list: reads one item more than the page size (from the item after the one the
    /// token names) to learn whether another page follows, and keys the next token on the last
    /// item returned.
    /// </summary>
    /// <param name="query">The filters of the call, bound into its tokens.</param>
    /// <param name="pageToken">The request's page_token.</param>
    /// <param name="pageSize">The request's page_size.</param>
    /// <param name="read">Reads up to a number of items after a key (null for the first page).</param>
    /// <param name="keyOf">The key of an item, as the next read takes it.</param>
    public static async Task<(IReadOnlyList<T> Items, string NextPageToken)> ReadAsync<T>(string query, string pageToken, int pageSize,
        Func<string?, int, Task<IReadOnlyList<T>>> read, Func<T, string> keyOf)
    {
        var size = pageSize == 0 ? DefaultSize : Math.Min(pageSize, MaxSize);
        var items = await read(Decode(pageToken, query), size + 1);
        return items.Count > size ? ([.. items.Take(size)], Encode(query, keyOf(items[size - 1]))) : (items, "");
    }

    private static InvalidRequestException Invalid(string description) =>
        new("INVALID_PAGE_TOKEN", new RequestFieldError("page_token", description));
}
