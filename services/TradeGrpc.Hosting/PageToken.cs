using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TradeGrpc.Storage;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>
/// Opaque AIP-158 page tokens: the key of the last item returned, signed (HMAC-SHA256) with a
/// secret the replicas of a store share, over that key and the query that produced it. A token
/// altered, forged, or replayed against other filters is INVALID_ARGUMENT; one given by another
/// replica is good. Every list of both services pages the same way: <see cref="DefaultSize"/>
/// items when page_size is 0, at most <see cref="MaxSize"/>.
/// </summary>
public sealed class PageToken(StoreSecrets secrets)
{
    public const int DefaultSize = 100;

    public const int MaxSize = 1000;

    private const int SignatureBytes = 16;

    private byte[]? key;

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
    public async Task<(IReadOnlyList<T> Items, string NextPageToken)> ReadAsync<T>(string query, string pageToken, int pageSize,
        Func<string?, int, Task<IReadOnlyList<T>>> read, Func<T, string> keyOf)
    {
        // Replicas of a store share the key, so two calls that load it at once load the same one.
        var secret = key ??= await secrets.GetOrCreateAsync("page-tokens", CancellationToken.None);
        var size = pageSize == 0 ? DefaultSize : Math.Min(pageSize, MaxSize);
        var items = await read(Decode(secret, pageToken, query), size + 1);
        return items.Count > size ? ([.. items.Take(size)], Encode(secret, query, keyOf(items[size - 1]))) : (items, "");
    }

    private static string Encode(byte[] secret, string query, string lastKey)
    {
        var last = Encoding.UTF8.GetBytes(lastKey);
        return Base64Url.EncodeToString([.. Sign(secret, query, last), .. last]);
    }

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    private static string? Decode(byte[] secret, string token, string query)
    {
        if (token.Length == 0)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (bytes.Length <= SignatureBytes || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, SignatureBytes), Sign(secret, query, bytes[SignatureBytes..])))
        {
            throw Invalid();
        }

        return Encoding.UTF8.GetString(bytes, SignatureBytes, bytes.Length - SignatureBytes);
    }

    private static byte[] Sign(byte[] secret, string query, byte[] lastKey) =>
        HMACSHA256.HashData(secret, (byte[])[.. Encoding.UTF8.GetBytes(query), 0, .. lastKey])[..SignatureBytes];

    private static InvalidRequestException Invalid() =>
        new("INVALID_PAGE_TOKEN", new RequestFieldError("page_token",
            "is not a token this list gave for these filters: repeat the call's filters with its next_page_token, or start from the first page."));
}
