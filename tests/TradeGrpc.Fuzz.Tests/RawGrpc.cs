using System.Net;
using System.Net.Http.Headers;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>
/// gRPC calls as bare HTTP/2 requests (h2c with prior knowledge), for frames no generated client
/// would send: the grpc-status a host answers, from its trailers or a trailers-only response.
/// </summary>
public sealed class RawGrpc(Uri address, string token) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = address };

    /// <summary>A gRPC frame: the compressed flag, the big-endian length it claims, and the bytes that follow.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, bool compressed = false, int? claimedLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), claimedLength ?? payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="path"/> (<c>/package.Service/Method</c>) with a two-second deadline;
    /// the grpc-status and grpc-status-details-bin it answers. A call with no answer in ten seconds throws TaskCanceledException.
    /// </summary>
    public async Task<(int Status, string? Details)> CallAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        // A frame that happens to parse as a watch request opens a stream that stays open: the deadline ends it.
        request.Headers.TryAddWithoutValidation("grpc-timeout", "2S");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel.Token);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values) ? values.First() : null;
        return (int.Parse(Header("grpc-status") ?? "-1", System.Globalization.CultureInfo.InvariantCulture), Header("grpc-status-details-bin"));
    }

    public void Dispose() => client.Dispose();
}
