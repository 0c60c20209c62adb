namespace TradeGrpc.Identity;

/// <summary>
/// The permissions each role grants, one line a role: a caller holds the union over the roles its
/// token (<c>roles</c>) or its certificate's service entry names. A role not listed grants nothing.
/// </summary>
public static class Roles
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Grants { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        // Anyone with a reason to look: trade analysts, journalists, other agencies.
        ["analyst"] = [Permissions.TariffRead, Permissions.TalksRead],
        // An importer of record: asks for exclusions, follows its own requests, and files entries.
        ["importer"] = [Permissions.TariffRead, Permissions.ExclusionsRequest, Permissions.EntriesFile],
        // An exporter: applies for licences and checks its exports.
        ["exporter"] = [Permissions.TariffRead, Permissions.LicensesApply],
        // The Office of the US Trade Representative: publishes measures, decides exclusions, loads the schedule.
        ["ustr"] = [Permissions.TariffRead, Permissions.MeasuresWrite, Permissions.ExclusionsDecide, Permissions.ScheduleImport],
        // The Bureau of Industry and Security: keeps the Entity List and decides licences.
        ["bis"] = [Permissions.TariffRead, Permissions.EntitiesWrite, Permissions.LicensesDecide],
        // A member of a delegation: records the talks, for its own party when its token names one.
        ["negotiator"] = [Permissions.TariffRead, Permissions.TalksRead, Permissions.TalksWrite],
        // An official authorised to make commitments official and carry out concessions.
        ["official"] = [Permissions.TariffRead, Permissions.TalksRead, Permissions.TalksWrite, Permissions.CommitmentsOfficiate],
        ["auditor"] = [Permissions.AuditRead],
        // The negotiation service, by its certificate: prices deals and carries out concessions on the tariff service.
        ["negotiation-service"] = [Permissions.TariffRead, Permissions.MeasuresWrite],
    };

    /// <summary>The permissions <paramref name="roles"/> grant together.</summary>
    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles) =>
        roles.SelectMany(role => Grants.GetValueOrDefault(role, [])).ToHashSet(StringComparer.Ordinal);
}
