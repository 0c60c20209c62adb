using TradeGrpc.Errors;
using TradeGrpc.Identity;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>Where a licence application stands.</summary>
public enum LicenseState
{
    Pending = 1,
    Granted = 2,
    Denied = 3,
}

/// <summary>A licence to export items to a listed entity: applied for, then decided once.</summary>
public sealed record ExportLicense(
    string Id,
    LicenseApplication Application,
    LicenseState State,
    DateWindow? Validity,
    string DecisionReason,
    DateTimeOffset CreateTime,
    DateTimeOffset? DecideTime,
    Actor? AppliedBy = null,
    Actor? DecidedBy = null)
{
    public const string CollectionId = "licenses";

    public string Name => NameOf(Id);

    public static string NameOf(string id) => $"{CollectionId}/{id}";

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];

    public static ExportLicense Pending(string id, LicenseApplication application, Actor applicant, DateTimeOffset now) =>
        new(id, application, LicenseState.Pending, null, "", now, null, applicant);

    /// <summary>Whether <paramref name="actor"/> may see this licence: its applicant's organisation, and those who decide (<paramref name="decides"/>).</summary>
    public bool VisibleTo(Actor actor, bool decides) => decides || AppliedBy?.Owner == actor.Owner;

    /// <summary>Granted for the shipment's classification and valid on its ship date.</summary>
    public bool Covers(Shipment shipment) =>
        State == LicenseState.Granted &&
        Application.ExportClassification == shipment.ExportClassification &&
        Validity is { } validity && validity.Covers(shipment.ShipDate);

    /// <summary>The licence once <paramref name="decision"/> is taken; only a pending licence is decided.</summary>
    public ExportLicense Decide(LicenseDecision decision, Actor actor, DateTimeOffset now) =>
        State != LicenseState.Pending
            ? throw AlreadyDecided()
            : this with
            {
                State = decision is LicenseGrant ? LicenseState.Granted : LicenseState.Denied,
                Validity = (decision as LicenseGrant)?.Validity,
                DecisionReason = decision.Reason,
                DecideTime = now,
                DecidedBy = actor,
            };

    public RuleViolationException AlreadyDecided() =>
        new("LICENSE_ALREADY_DECIDED", "LICENSE_STATE", Name, $"{Name} is already {State.ToString().ToUpperInvariant()}; only a PENDING licence can be decided.");
}
