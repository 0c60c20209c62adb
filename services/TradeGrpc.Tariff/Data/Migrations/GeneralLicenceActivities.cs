using System.Data;
using System.Text.Json.Nodes;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Data.Migrations;

/// <summary>
/// Gives the temporary general licence windows of a store loaded before licences named their
/// activities the four that licence covered: without them a window authorizes any export, a new
/// sale included, which it never did. Windows are known by the licence's published scope (the
/// bundled Entity List's text); other windows are left as they are.
/// </summary>
public sealed class GeneralLicenceActivities() : CodeMigration("0006_general_licence_activities")
{
    private const string TemporaryGeneralLicense = "Temporary general license for Huawei and its listed affiliates:";

    private static readonly int[] FourActivities =
    [
        (int)ExportActivity.ExistingNetworks, (int)ExportActivity.ExistingHandsets, (int)ExportActivity.CybersecurityResearch, (int)ExportActivity.Standards5G,
    ];

    public override string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        var listings = new List<(string Id, string Licenses)>();
        using (var read = dbCommandFactory())
        {
            read.CommandText = "SELECT id, general_licenses FROM listed_entities";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                listings.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (id, licenses) in listings)
        {
            var windows = JsonNode.Parse(licenses)!.AsArray();
            var named = false;
            foreach (var window in windows)
            {
                if (window!["Scope"]?.GetValue<string>().StartsWith(TemporaryGeneralLicense, StringComparison.Ordinal) == true
                    && window["Activities"] is not JsonArray { Count: > 0 })
                {
                    window["Activities"] = new JsonArray([.. FourActivities.Select(a => JsonValue.Create(a))]);
                    named = true;
                }
            }

            if (named)
            {
                Execute(dbCommandFactory, "UPDATE listed_entities SET general_licenses = @licenses WHERE id = @id", [("@licenses", windows.ToJsonString()), ("@id", id)]);
            }
        }

        return "";
    }
}
