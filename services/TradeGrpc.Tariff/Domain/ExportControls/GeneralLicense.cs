namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>
/// One window of a general licence and what it authorizes: exports to a listed entity within
/// the scope need no licence of their own while the window runs.
/// </summary>
public sealed record GeneralLicense(DateWindow Validity, string Scope);
