using Grpc.Net.Client;

namespace TradeGrpc.Benchmarks;

/// <summary>Counts what a list method holds, reading it to the end a page at a time: how the suites prove their writes were stored.</summary>
internal static class Pages
{
    /// <summary>The most a list method returns in a page (AIP-158 as the contracts state it).</summary>
    public const int Largest = 1000;

    // Far above a page's time on a loaded machine; a page that takes longer fails the suite instead of holding it up.
    private static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads every page on a connection of its own. In one run of the write suite a ListNegotiations
    /// page on a connection kept open since the suite's start got no answer for minutes, while the
    /// same call on a new connection answered in milliseconds (benchmarks/README.md); a count should
    /// not hang on that.
    /// </summary>
    /// <param name="address">The service.</param>
    /// <param name="token">A token that may list.</param>
    /// <param name="page">Reads the page of a page token (empty: the first) before a deadline; the page's items and the next page's token (empty: the last).</param>
    public static async Task<long> CountAsync(Uri address, string token, Func<GrpcChannel, string, DateTime, Task<(int Items, string NextPageToken)>> page)
    {
        using var channel = LoadGenerator.Channel(address, token);
        var total = 0L;
        var pageToken = "";
        do
        {
            var (items, next) = await page(channel, pageToken, DateTime.UtcNow + PageDeadline);
            total += items;
            pageToken = next;
        }
        while (pageToken.Length > 0);
        return total;
    }
}
