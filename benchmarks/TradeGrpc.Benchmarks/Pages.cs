namespace TradeGrpc.Benchmarks;

/// <summary>Counts what a list method holds, reading it to the end a page at a time: how the suites prove their writes were stored.</summary>
internal static class Pages
{
    /// <summary>The most a list method returns in a page (AIP-158 as the contracts state it).</summary>
    public const int Largest = 1000;

    /// <param name="page">Reads the page of a page token (empty: the first); the page's items and the next page's token (empty: the last).</param>
    public static async Task<long> CountAsync(Func<string, Task<(int Items, string NextPageToken)>> page)
    {
        var total = 0L;
        var token = "";
        do
        {
            var (items, next) = await page(token);
            total += items;
            token = next;
        }
        while (token.Length > 0);
        return total;
    }
}
