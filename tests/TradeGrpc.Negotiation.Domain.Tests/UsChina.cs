namespace TradeGrpc.Negotiation.Domain.Tests;

/// <summary>The US-China talks of 2018-2019 as domain objects: the negotiation, its delegations and its rounds.</summary>
internal static class UsChina
{
    public const string Lighthizer = "Robert Lighthizer";
    public const string Mnuchin = "Steven Mnuchin";
    public const string LiuHe = "Liu He";
    public const string ZhongShan = "Zhong Shan";

    public const string Name = "negotiations/us-china";

    public static readonly DateTimeOffset Opened = new(2018, 12, 1, 23, 0, 0, TimeSpan.Zero);

    public static Delegation UsDelegation { get; } = new("US",
    [
        new(Lighthizer, "United States Trade Representative", "Office of the USTR", true),
        new(Mnuchin, "Secretary of the Treasury", "Treasury", false),
    ]);

    public static Delegation ChinaDelegation { get; } = new("CN",
    [
        new(LiuHe, "Vice Premier", "State Council", true),
        new(ZhongShan, "Minister of Commerce", "MOFCOM", false),
    ]);

    /// <summary>The talks as recorded, with no delegations yet.</summary>
    public static Negotiation Open() => Negotiation.Open("us-china", "US-China trade talks", ["US", "CN"], Opened).Negotiation;

    /// <summary>The talks with both delegations set, so that rounds can name their members.</summary>
    public static Negotiation WithDelegations()
    {
        var talks = Open();
        talks.SetDelegation(UsDelegation);
        talks.SetDelegation(ChinaDelegation);
        return talks;
    }

    /// <summary>Washington, 2019-05-09 to 2019-05-10, the ninth round.</summary>
    public static RoundPlan Washington { get; } =
        new("Washington", "US", RoundFormatKind.InPerson, new DateOnly(2019, 5, 9), new DateOnly(2019, 5, 10), [Lighthizer, Mnuchin, LiuHe]);
}
