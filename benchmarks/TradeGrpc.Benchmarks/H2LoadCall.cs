using System.Globalization;
using Google.Protobuf;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// One RPC as h2load loads it: a method of a service process, the request it sends every time
/// (framed into a file once), and the token its calls carry.
/// </summary>
internal sealed record H2LoadCall(string Name, ServiceProcess Host, string Path, IMessage Request, string Token)
{
    public string Url => $"{Host.Address.GetLeftPart(UriPartial.Authority)}{Path}";

    /// <summary>Writes the framed request into <paramref name="folder"/>, where <see cref="RunAsync"/> reads it.</summary>
    public Task WriteRequestAsync(string folder) => File.WriteAllBytesAsync(RequestFile(folder), H2Load.Framed(Request));

    /// <summary>
    /// One h2load run of the call (see <see cref="H2Load.RunAsync"/>), with the CPU time each of <paramref name="cpuOf"/>
    /// used while it ran; the request must have been written into <paramref name="folder"/>.
    /// </summary>
    public Task<H2LoadRun> RunAsync(int clients, int streams, string load, string folder, params IReadOnlyList<ServiceProcess> cpuOf) =>
        H2Load.RunAsync(Url, RequestFile(folder), Token, clients, streams, load, folder, Host.Calls, [.. cpuOf.Select(p => (Func<TimeSpan>)(() => p.ProcessorTime))]);

    // By port as well as method: the same method on two hosts may be sent different requests.
    private string RequestFile(string folder) =>
        System.IO.Path.Combine(folder, $"{Host.Address.Port.ToString(CultureInfo.InvariantCulture)}{Path.Replace('/', '_')}.bin");
}
