namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>What an export is for, as a general licence names the activities it authorizes.</summary>
public enum ExportActivity
{
    /// <summary>A new sale, or any purpose no general licence names.</summary>
    Other = 1,

    /// <summary>Continued operation of existing networks and equipment.</summary>
    ExistingNetworks = 2,

    /// <summary>Support for existing handsets.</summary>
    ExistingHandsets = 3,

    /// <summary>Cybersecurity research and vulnerability disclosure.</summary>
    CybersecurityResearch = 4,

    /// <summary>Engagement needed to develop 5G standards in recognized standards bodies.</summary>
    Standards5G = 5,
}

/// <summary>
/// One window of a general licence and what it authorizes: exports to a listed entity within the
/// scope need no licence of their own while the window runs. A licence that names
/// <paramref name="Activities"/> authorizes exports for those only; one that names none (as
/// entities recorded before activities were) authorizes any export within its scope text.
/// </summary>
public sealed record GeneralLicense(DateWindow Validity, string Scope, IReadOnlyList<ExportActivity>? Activities = null)
{
    /// <summary>Whether an export for <paramref name="activity"/> is one this licence authorizes.</summary>
    public bool Authorizes(ExportActivity activity) => Activities is not { Count: > 0 } named || named.Contains(activity);
}
