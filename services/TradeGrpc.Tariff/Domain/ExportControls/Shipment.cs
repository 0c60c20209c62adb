namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>Items of one Export Control Classification Number shipping on one day, for one purpose.</summary>
public sealed record Shipment(string ExportClassification, DateOnly ShipDate, ExportActivity Activity = ExportActivity.Other);
