namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>The decision on a licence application, with the reason given.</summary>
public abstract record LicenseDecision(string Reason)
{
    /// <summary>A grant, valid from <paramref name="from"/> through <paramref name="to"/>: both are required.</summary>
    public static LicenseGrant Grant(DateOnly? from, DateOnly? to, string reason) => new(DateWindow.Between(from, to), reason);
}

/// <summary>The licence is granted for its classification, valid over <paramref name="Validity"/>.</summary>
public sealed record LicenseGrant(DateWindow Validity, string Reason) : LicenseDecision(Reason);

/// <summary>The licence is denied.</summary>
public sealed record LicenseDenial(string Reason) : LicenseDecision(Reason);
