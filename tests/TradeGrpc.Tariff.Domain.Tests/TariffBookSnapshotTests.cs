using TradeGrpc.Tariff.Domain.Exclusions;

namespace TradeGrpc.Tariff.Domain.Tests;

public sealed class TariffBookSnapshotTests
{
    private static readonly DateTimeOffset Noon = new(2019, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static ExclusionRecord Exclusion(string id, string measure, int minutes, ExclusionStatus status = ExclusionStatus.Pending) =>
        new(id, measure, "8411.99.10", "Acme Turbines", "Turbine parts", status, status == ExclusionStatus.Granted ? "9903.88.05" : "",
            null, null, Noon.AddMinutes(minutes), status == ExclusionStatus.Pending ? null : Noon.AddMinutes(minutes + 1));

    [Fact]
    public void WithExclusion_RequestsAndDecisions_KeepRequestOrderAndTheirMeasuresGrantedOnes()
    {
        var book = TariffBookSnapshot.Empty.WithExclusions([Exclusion("a", "m1", 0), Exclusion("b", "m2", 20, ExclusionStatus.Granted)]);

        // Requested between the two, then granted; then b denied.
        var requested = book.WithExclusion(Exclusion("c", "m2", 10));
        var granted = requested.WithExclusion(Exclusion("c", "m2", 10, ExclusionStatus.Granted));
        var denied = granted.WithExclusion(Exclusion("b", "m2", 20, ExclusionStatus.Denied));

        Assert.Equal(["a", "c", "b"], requested.Exclusions.Select(e => e.Id));
        Assert.Equal(["b"], requested.GrantedExclusions["m2"].Select(e => e.Id));
        Assert.Equal(["a", "c", "b"], granted.Exclusions.Select(e => e.Id));
        Assert.Equal(["c", "b"], granted.GrantedExclusions["m2"].Select(e => e.Id));
        Assert.Equal(["c"], denied.GrantedExclusions["m2"].Select(e => e.Id));
        Assert.False(denied.GrantedExclusions.ContainsKey("m1"));
        // The same as building the book from the whole list.
        Assert.Equal(denied.Exclusions, TariffBookSnapshot.Empty.WithExclusions([.. denied.Exclusions.OrderBy(e => e.CreateTime)]).Exclusions);
    }
}
