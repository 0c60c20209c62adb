namespace TradeGrpc.Identity;

/// <summary>
/// What a caller may do. Each RPC needs one of these (see each host's access table); each role
/// grants some (<see cref="Roles"/>).
/// </summary>
public static class Permissions
{
    /// <summary>Read the schedule, rates, quotes, measures, decided exclusions and the Entity List; check exports.</summary>
    public const string TariffRead = "tariff.read";

    /// <summary>Replace the schedule with a USITC file.</summary>
    public const string ScheduleImport = "schedule.import";

    /// <summary>Create, change, schedule, suspend and withdraw measures.</summary>
    public const string MeasuresWrite = "measures.write";

    /// <summary>Ask for a product exclusion, and see one's own pending requests.</summary>
    public const string ExclusionsRequest = "exclusions.request";

    /// <summary>File entries, which use up the exclusions' allowances and the absolute quotas they draw on.</summary>
    public const string EntriesFile = "entries.file";

    /// <summary>Grant or deny exclusions, and see every pending request.</summary>
    public const string ExclusionsDecide = "exclusions.decide";

    /// <summary>Add parties to the Entity List.</summary>
    public const string EntitiesWrite = "entities.write";

    /// <summary>Apply for export licences, and see one's own applications.</summary>
    public const string LicensesApply = "licenses.apply";

    /// <summary>Grant or deny licences, and see every application.</summary>
    public const string LicensesDecide = "licenses.decide";

    /// <summary>Read the talks.</summary>
    public const string TalksRead = "talks.read";

    /// <summary>Record the talks: rounds, issues, positions, drafts, commitments short of official, statements.</summary>
    public const string TalksWrite = "talks.write";

    /// <summary>Make a commitment official (or record it so) and carry out a tariff concession.</summary>
    public const string CommitmentsOfficiate = "commitments.officiate";

    /// <summary>Read the audit trail.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>The permissions that only read: a call that needs any other changes something, and is audited.</summary>
    public static IReadOnlySet<string> Reads { get; } = new HashSet<string>(StringComparer.Ordinal) { TariffRead, TalksRead, AuditRead };

    /// <summary>Every permission above.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TariffRead, ScheduleImport, MeasuresWrite, ExclusionsRequest, EntriesFile, ExclusionsDecide, EntitiesWrite, LicensesApply, LicensesDecide,
        TalksRead, TalksWrite, CommitmentsOfficiate, AuditRead,
    };
}
