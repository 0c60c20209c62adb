namespace TradeGrpc.Benchmarks;

/// <summary>One target and whether the run met it.</summary>
internal sealed record Verdict(string Target, string Measured, bool Pass)
{
    public override string ToString() => $"{(Pass ? "PASS" : "FAIL")}  {Target,-44} measured {Measured}";
}
