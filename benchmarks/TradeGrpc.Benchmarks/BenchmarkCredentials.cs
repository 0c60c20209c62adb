using TradeGrpc.DevAuth;

namespace TradeGrpc.Benchmarks;

/// <summary>Development credentials in a scratch folder: the settings a service needs to check tokens (and to let their caller call without limit), a token that may read the book and the talks, and the services' certificates.</summary>
internal sealed class BenchmarkCredentials : IDisposable
{
    private readonly ScratchFolder folder = new();
    private readonly DevAuthority authority;

    public BenchmarkCredentials()
    {
        authority = DevAuthority.Open(folder.Path);
        Token = authority.Token("benchmark", ["analyst"]);
    }

    /// <summary>A token of the analyst role: tariff.read and talks.read.</summary>
    public string Token { get; }

    /// <summary>The certificate authority's certificate, which signed <see cref="Certificate"/>'s.</summary>
    public string CaFile => authority.CaFile;

    /// <summary>A token of <paramref name="role"/>, for what the benchmark sets up before the load.</summary>
    public string TokenOf(string role) => authority.Token("benchmark-setup", [role]);

    /// <summary>The PEM files of the TLS and client certificate of <paramref name="name"/>, as run.sh makes them.</summary>
    public (string Certificate, string Key) Certificate(string name) => authority.Certificate(name);

    /// <summary>
    /// The service's settings, as command-line switches. All the load comes from the one caller of
    /// <see cref="Token"/>, so its rate limit is set far above what the service can take: the
    /// benchmarks measure the service, not the limit.
    /// </summary>
    public IEnumerable<string> Switches =>
    [
        $"--Auth:JwksFile={authority.JwksFile}",
        $"--Auth:Issuer={DevAuthority.Issuer}",
        "--Limits:CallsPerSecondPerCaller=100000000",
        "--Limits:CallBurstPerCaller=100000000",
    ];

    public void Dispose() => folder.Dispose();
}
