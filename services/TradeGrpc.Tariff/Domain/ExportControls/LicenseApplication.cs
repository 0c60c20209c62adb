namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>What an exporter asks to ship to a listed entity, by Export Control Classification Number.</summary>
public sealed record LicenseApplication(string Applicant, string EntityId, string ExportClassification, string ItemDescription);
