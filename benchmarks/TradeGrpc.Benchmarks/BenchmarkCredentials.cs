using TradeGrpc.DevAuth;

namespace TradeGrpc.Benchmarks;

/// <summary>Development credentials in a scratch folder: the settings a service needs to check tokens, and a token that may read the book.</summary>
internal sealed class BenchmarkCredentials : IDisposable
{
    private readonly ScratchFolder folder = new();
    private readonly DevAuthority authority;

    public BenchmarkCredentials()
    {
        authority = DevAuthority.Open(folder.Path);
        Token = authority.Token("benchmark", ["analyst"]);
    }

    /// <summary>A token of the analyst role: tariff.read.</summary>
    public string Token { get; }

    /// <summary>
    /// The service's settings, as command-line switches: its token keys, and per-caller limits far
    /// above any load generator here, since all of a benchmark's calls come from one caller.
    /// </summary>
    public IEnumerable<string> Switches =>
    [
        $"--Auth:JwksFile={authority.JwksFile}", $"--Auth:Issuer={DevAuthority.Issuer}",
        "--Limits:CallsPerSecondPerCaller=100000000", "--Limits:CallBurstPerCaller=100000000",
    ];

    public void Dispose() => folder.Dispose();
}
