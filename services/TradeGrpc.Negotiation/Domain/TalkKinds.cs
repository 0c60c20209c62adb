namespace TradeGrpc.Negotiation.Domain;

// The numbers match the contract's enums, so that translating is a cast.

public enum NegotiationState { Active = 1, Stalled = 2, Resumed = 3, Concluded = 4 }

public enum RoundFormatKind { InPerson = 1, Phone = 2, Video = 3, LeadersMeeting = 4 }

public enum RoundStatus { Scheduled = 1, InProgress = 2, Ended = 3, Cancelled = 4 }

public enum RoundOutcomeKind { Progress = 1, Impasse = 2, Collapse = 3, AgreementInPrinciple = 4 }

public enum IssueCategoryKind { AgriculturalPurchases = 1, IndustrialPurchases = 2, IntellectualProperty = 3, TariffRemoval = 4, TechnologyAndExportControls = 5, Enforcement = 6, DraftText = 7 }

public enum IssueStatusKind { Open = 1, Narrowed = 2, Resolved = 3, Dropped = 4 }

public enum StanceKind { Demands = 1, Opposes = 2, OpenToCompromise = 3, Accepts = 4 }

public enum ProvisionStatusKind { Agreed = 1, Bracketed = 2, Open = 3 }

public enum ProvisionChangeKind { Added = 1, Removed = 2, Changed = 3, StatusChanged = 4 }

public enum CommitmentType { Purchase = 1, TariffConcession = 2, IpEnforcement = 3, MarketAccess = 4, ExportLicensing = 5 }

public enum CommitmentStatusKind { Indicated = 1, Proposed = 2, Official = 3, Fulfilled = 4, Withdrawn = 5, Broken = 6 }

public enum PurchaseCategory { ManufacturedGoods = 1, Agriculture = 2, Energy = 3, Services = 4 }

public enum PurchaseBasis { AboveBaseline = 1, Total = 2 }

public enum ConcessionActionKind { Suspend = 1, SetRate = 2, Remove = 3 }

public enum DeliveryStatus { Pending = 1, Delivered = 2, Rejected = 3, Cancelled = 4 }

public enum AttributionKind { OnTheRecord = 1, AnonymousOfficial = 2, PersonFamiliar = 3, StateMedia = 4 }

/// <summary>How enum values read in error messages: <c>TARIFF_CONCESSION</c>, the contract's name less its prefix.</summary>
internal static class Upper
{
    public static string Of(Enum value) => string.Join('_', Words.Split(value)).ToUpperInvariant();
}

/// <summary>How enum values read in event summaries, which people read: <c>tariff concession</c>.</summary>
internal static class Words
{
    public static string Of(Enum value) => string.Join(' ', Split(value)).ToLowerInvariant();

    /// <summary>The words of a value's C# name: <c>TariffConcession</c> is <c>Tariff</c>, <c>Concession</c>.</summary>
    internal static IEnumerable<string> Split(Enum value)
    {
        var name = value.ToString();
        var start = 0;
        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                yield return name[start..i];
                start = i;
            }
        }

        yield return name[start..];
    }
}
