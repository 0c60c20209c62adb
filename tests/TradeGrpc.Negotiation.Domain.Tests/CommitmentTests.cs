using System.Globalization;
using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

/// <summary>Phase One commitments: China's purchases above 2017 levels, and the US cut of list 4A to 7.5% from 2020-02-14.</summary>
public sealed class CommitmentTests
{
    private const string FarmPledgeName = "negotiations/us-china/commitments/1";
    private const string SecondName = "negotiations/us-china/commitments/2";

    private static readonly DateTimeOffset Asked = new(2020, 1, 16, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Agriculture in 2020: $12.5B above the 2017 baseline of $20,969,792,856 (phase-one/goals_by_category.csv).</summary>
    private static readonly PurchaseTerms Farm2020 = new("Agriculture", new(2020, 1, 1), new(2020, 12, 31), 20_969_792_856m, 12_500_000_000m);

    private static readonly Concession ListFourAToHalf = new("measures/us-301-list-4a", ConcessionActionKind.SetRate, 7.5m, new(2020, 2, 14));

    private static CommitmentTerms FarmPledge(CommitmentStatusKind status = CommitmentStatusKind.Official) =>
        new("CN", CommitmentType.Purchase, status, "Buy $12.5B more US farm goods in 2020 than in 2017", Farm2020, null);

    private static CommitmentTerms ListFourACut(CommitmentStatusKind status = CommitmentStatusKind.Official) =>
        new("US", CommitmentType.TariffConcession, status, "Cut list 4A to 7.5%", null, ListFourAToHalf);

    private static Commitment Recorded(CommitmentTerms terms, int number = 1) => Commitment.Record(Open(), number, terms).Commitment;

    private static Commitment InStatus(CommitmentStatusKind status) =>
        new(Name, 1, FarmPledge(status), null, 1);

    [Fact]
    public void Record_PurchasePledgeOfAParty_IsAtVersionOneAndSaysWhoPromisedWhat()
    {
        var (commitment, recorded) = Commitment.Record(Open(), 1, FarmPledge());

        Assert.Equal((FarmPledgeName, "CN", CommitmentType.Purchase, CommitmentStatusKind.Official, 1L),
            (commitment.Name, commitment.Party, commitment.Type, commitment.Status, commitment.Version));
        Assert.Null(commitment.Delivery);
        Assert.Equal(new TalkEvent(TalkEventKind.CommitmentRecorded, FarmPledgeName,
            "CN commitment (purchase, official): Buy $12.5B more US farm goods in 2020 than in 2017"), recorded);
    }

    [Fact]
    public void Record_NoDescription_EndsTheSummaryAtTheKind()
    {
        var (_, recorded) = Commitment.Record(Open(), 2, ListFourACut(CommitmentStatusKind.Proposed) with { Description = "" });

        Assert.Equal("US commitment (tariff concession, proposed)", recorded.Summary);
    }

    [Fact]
    public void Record_PartyNotInTheTalks_Fails()
    {
        var error = Assert.Throws<RuleViolationException>(() => Commitment.Record(Open(), 1, FarmPledge() with { Party = "JP" }));

        Assert.Equal("PARTY_NOT_IN_NEGOTIATION", error.Reason);
        Assert.Equal("JP (committing) is not a party to negotiations/us-china; its parties are US, CN.", error.Message);
    }

    [Fact]
    public void Record_PurchaseWithoutTerms_FailsOnThePurchase() =>
        AssertInvalid(FarmPledge() with { Purchase = null }, "PURCHASE_TERMS_REQUIRED", "Purchase", "a purchase commitment needs its terms");

    [Fact]
    public void Record_ConcessionWithoutMeasure_FailsOnTheConcession() =>
        AssertInvalid(ListFourACut() with { Concession = null }, "CONCESSION_REQUIRED", "Concession", "a tariff concession needs its measure and action");

    [Fact]
    public void Record_SetRateWithoutARate_FailsOnTheRate() =>
        AssertInvalid(ListFourACut() with { Concession = ListFourAToHalf with { RatePercent = null } },
            "RATE_REQUIRED", "Concession.RatePercent", "SET_RATE needs the new rate");

    [Fact]
    public void Record_PurchasePeriodEndingBeforeItStarts_FailsOnTheEnd() =>
        AssertInvalid(FarmPledge() with { Purchase = Farm2020 with { PeriodEnd = new DateOnly(2019, 12, 31) } },
            "PERIOD_OUT_OF_ORDER", "Purchase.PeriodEnd", "must not be before the start date");

    [Theory]
    [InlineData(CommitmentStatusKind.Fulfilled)]
    [InlineData(CommitmentStatusKind.Broken)]
    [InlineData(CommitmentStatusKind.Withdrawn)]
    public void Record_InAStateNoCommitmentStartsIn_FailsOnTheState(CommitmentStatusKind status) =>
        AssertInvalid(FarmPledge(status), "INITIAL_STATE", "Status", "a commitment is recorded INDICATED, PROPOSED or OFFICIAL");

    [Theory]
    [InlineData(ConcessionActionKind.Suspend)]
    [InlineData(ConcessionActionKind.Remove)]
    public void Record_SuspendOrRemoveWithoutARate_IsAccepted(ConcessionActionKind action)
    {
        var terms = ListFourACut() with { Concession = ListFourAToHalf with { Action = action, RatePercent = null } };

        var (commitment, recorded) = Commitment.Record(Open(), 2, terms);

        Assert.Equal((TalkEventKind.CommitmentRecorded, SecondName), (recorded.Kind, recorded.Subject));
        Assert.Equal((action, (decimal?)null), (commitment.Terms.Concession!.Action, commitment.Terms.Concession.RatePercent));
    }

    [Theory]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Proposed)]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Official)]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Official)]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Fulfilled)]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Broken)]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Withdrawn)]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Withdrawn)]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Withdrawn)]
    public void ChangeStatus_AllowedMove_TakesTheNewStatusAndCountsTheChange(CommitmentStatusKind from, CommitmentStatusKind to)
    {
        var commitment = InStatus(from);

        var changed = commitment.ChangeStatus(to);

        Assert.Equal((to, 2L), (commitment.Status, commitment.Version));
        Assert.Equal(new TalkEvent(TalkEventKind.CommitmentStatusChanged, FarmPledgeName, $"Commitment 1 is now {to.ToString().ToLowerInvariant()} (was {from.ToString().ToLowerInvariant()})."), changed);
    }

    [Theory]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Indicated, "INDICATED; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Indicated, "PROPOSED; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Indicated, "OFFICIAL; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Indicated, "FULFILLED; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Indicated, "WITHDRAWN; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Indicated, "BROKEN; nothing becomes INDICATED once recorded.")]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Proposed, "PROPOSED; it can become PROPOSED only from INDICATED.")]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Proposed, "OFFICIAL; it can become PROPOSED only from INDICATED.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Proposed, "FULFILLED; it can become PROPOSED only from INDICATED.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Proposed, "WITHDRAWN; it can become PROPOSED only from INDICATED.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Proposed, "BROKEN; it can become PROPOSED only from INDICATED.")]
    [InlineData(CommitmentStatusKind.Official, CommitmentStatusKind.Official, "OFFICIAL; it can become OFFICIAL only from INDICATED or PROPOSED.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Official, "FULFILLED; it can become OFFICIAL only from INDICATED or PROPOSED.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Official, "WITHDRAWN; it can become OFFICIAL only from INDICATED or PROPOSED.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Official, "BROKEN; it can become OFFICIAL only from INDICATED or PROPOSED.")]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Fulfilled, "INDICATED; it can become FULFILLED only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Fulfilled, "PROPOSED; it can become FULFILLED only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Fulfilled, "FULFILLED; it can become FULFILLED only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Fulfilled, "WITHDRAWN; it can become FULFILLED only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Fulfilled, "BROKEN; it can become FULFILLED only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Indicated, CommitmentStatusKind.Broken, "INDICATED; it can become BROKEN only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Proposed, CommitmentStatusKind.Broken, "PROPOSED; it can become BROKEN only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Broken, "FULFILLED; it can become BROKEN only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Broken, "WITHDRAWN; it can become BROKEN only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Broken, "BROKEN; it can become BROKEN only from OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Fulfilled, CommitmentStatusKind.Withdrawn, "FULFILLED; it can become WITHDRAWN only from INDICATED or PROPOSED or OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Withdrawn, CommitmentStatusKind.Withdrawn, "WITHDRAWN; it can become WITHDRAWN only from INDICATED or PROPOSED or OFFICIAL.")]
    [InlineData(CommitmentStatusKind.Broken, CommitmentStatusKind.Withdrawn, "BROKEN; it can become WITHDRAWN only from INDICATED or PROPOSED or OFFICIAL.")]
    public void ChangeStatus_MoveNotAllowed_FailsNamingTheState(CommitmentStatusKind from, CommitmentStatusKind to, string why)
    {
        var commitment = InStatus(from);

        var error = Assert.Throws<RuleViolationException>(() => commitment.ChangeStatus(to));

        Assert.Equal(("COMMITMENT_STATE", "STATE", FarmPledgeName), (error.Reason, error.Type, error.Subject));
        Assert.Equal($"{FarmPledgeName} is {why}", error.Message);
        Assert.Equal((from, 1L), (commitment.Status, commitment.Version));
    }

    [Fact]
    public void RecordPurchases_PurchaseCommitment_CountsTheChangeAndSaysHowMuch()
    {
        var pledge = Recorded(FarmPledge());

        var recorded = pledge.RecordPurchases([new Purchase(new(2020, 1, 1), new(2020, 12, 31), 6_334_034_847m, "US exports to China, 2020, above 2017")], []);

        Assert.Equal(2L, pledge.Version);
        Assert.Equal(new TalkEvent(TalkEventKind.PurchasesRecorded, FarmPledgeName,
            "Purchases of $6,334,034,847.00 recorded for 2020-01-01 to 2020-12-31."), recorded);
    }

    [Fact]
    public void RecordPurchases_PeriodEndingBeforeItStarts_FailsOnTheEnd()
    {
        var pledge = Recorded(FarmPledge());

        var error = Assert.Throws<InvalidInputException>(() => pledge.RecordPurchases([new Purchase(new(2020, 3, 31), new(2020, 1, 1), 1m, "")], []));

        Assert.Equal(("PERIOD_OUT_OF_ORDER", "PeriodEnd"), (error.Reason, Assert.Single(error.Fields).Field));
        Assert.Equal(1L, pledge.Version);
    }

    [Theory]
    [InlineData("999999999999999", "1", false)] // to the cap exactly
    [InlineData("999999999999999", "1.01", true)]
    [InlineData("0", "1000000000000000.01", true)]
    public void RecordPurchases_TotalPastTheCap_FailsOnTheAmountAndChangesNothing(string sofar, string amount, bool refused)
    {
        var pledge = Recorded(FarmPledge());
        var purchase = new Purchase(new(2020, 1, 1), new(2020, 3, 31), decimal.Parse(amount, CultureInfo.InvariantCulture), "");

        var error = Record.Exception(() => pledge.RecordPurchases([purchase], [purchase with { AmountUsd = decimal.Parse(sofar, CultureInfo.InvariantCulture) }]));

        Assert.Equal(refused, error is InvalidInputException { Reason: "AMOUNT_OUT_OF_RANGE" } invalid && invalid.Fields.Single().Field == "AmountUsd");
        Assert.Equal(refused ? 1L : 2L, pledge.Version);
    }

    [Fact]
    public void RecordPurchases_TariffConcession_FailsNamingItsKind()
    {
        var concession = Recorded(ListFourACut(), 2);

        var error = Assert.Throws<RuleViolationException>(() => concession.RecordPurchases([new Purchase(new(2020, 1, 1), new(2020, 3, 31), 1m, "")], []));

        Assert.Equal(("NOT_A_PURCHASE", "KIND", SecondName), (error.Reason, error.Type, error.Subject));
        Assert.Equal($"{SecondName} is a TARIFF_CONCESSION commitment; purchases are recorded on PURCHASE commitments.", error.Message);
    }

    [Fact]
    public void RequestImplementation_OfficialConcession_IsPendingWithAnOutboxItem()
    {
        var concession = Recorded(ListFourACut(), 2);

        var (requested, item) = concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked)!.Value;

        Assert.Equal(new TalkEvent(TalkEventKind.ConcessionRequested, SecondName,
            "Concession on measures/us-301-list-4a (set rate) sent to the tariff service."), requested);
        Assert.Equal(new OutboxItem(SecondName, "5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked), item);
        Assert.Equal(new Delivery(DeliveryStatus.Pending, 0, "", null, Asked), concession.Delivery);
        Assert.Equal(2L, concession.Version);
    }

    [Fact]
    public void RequestImplementation_AskedTwice_ChangesNothingTheSecondTime()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);

        var again = concession.RequestImplementation("7a1d3b5f-8e2c-4f1b-ad66-3c8f2e4a5b71", Asked.AddMinutes(5));

        Assert.Null(again);
        Assert.Equal((2L, Asked), (concession.Version, concession.Delivery!.NextAttemptTime!.Value));
    }

    [Theory]
    [InlineData(CommitmentType.TariffConcession, CommitmentStatusKind.Proposed, "a TARIFF_CONCESSION commitment in state PROPOSED")]
    [InlineData(CommitmentType.TariffConcession, CommitmentStatusKind.Withdrawn, "a TARIFF_CONCESSION commitment in state WITHDRAWN")]
    [InlineData(CommitmentType.Purchase, CommitmentStatusKind.Official, "a PURCHASE commitment in state OFFICIAL")]
    public void RequestImplementation_NotAnOfficialConcession_FailsNamingKindAndState(CommitmentType type, CommitmentStatusKind status, string what)
    {
        var commitment = new Commitment(Name, 2, type == CommitmentType.Purchase ? FarmPledge(status) : ListFourACut(status), null, 1);

        var error = Assert.Throws<RuleViolationException>(() => commitment.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked));

        Assert.Equal(("NOT_AN_OFFICIAL_CONCESSION", "STATE"), (error.Reason, error.Type));
        Assert.Equal($"{SecondName} is {what}; only an OFFICIAL TARIFF_CONCESSION can be implemented.", error.Message);
        Assert.Null(commitment.Delivery);
    }

    [Fact]
    public void RecordDelivery_FailedThenDelivered_CountsAttemptsAndSaysOnlyWhenItEnds()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);
        var retryAt = Asked.AddSeconds(2);

        var failed = concession.RecordDelivery(DeliveryOutcome.Failed, "tariff service unavailable", Asked.AddSeconds(1), retryAt);

        Assert.Null(failed);
        Assert.Equal(new Delivery(DeliveryStatus.Pending, 1, "tariff service unavailable", null, retryAt), concession.Delivery);

        var delivered = concession.RecordDelivery(DeliveryOutcome.Delivered, "", retryAt, retryAt.AddSeconds(4));

        Assert.Equal(new TalkEvent(TalkEventKind.ConcessionDelivered, SecondName,
            "The tariff service carried out the concession on measures/us-301-list-4a."), delivered);
        Assert.Equal(new Delivery(DeliveryStatus.Delivered, 2, "", retryAt, null), concession.Delivery);
        Assert.Equal(4L, concession.Version);
    }

    [Fact]
    public void RecordDelivery_Rejected_EndsWithTheReasonAndNoRetry()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);

        var rejected = concession.RecordDelivery(DeliveryOutcome.Rejected, "measures/us-301-list-4a was not found.", Asked.AddSeconds(1), Asked.AddSeconds(2));

        Assert.Equal(new TalkEvent(TalkEventKind.ConcessionRejected, SecondName,
            "The tariff service refused the concession: measures/us-301-list-4a was not found."), rejected);
        Assert.Equal(new Delivery(DeliveryStatus.Rejected, 1, "measures/us-301-list-4a was not found.", null, null), concession.Delivery);
    }

    [Theory]
    [InlineData(CommitmentStatusKind.Withdrawn)]
    [InlineData(CommitmentStatusKind.Broken)]
    [InlineData(CommitmentStatusKind.Fulfilled)]
    public void ChangeStatus_ConcessionLeavesOfficialWithItsDeliveryPending_CancelsTheDeliveryAndSaysSo(CommitmentStatusKind to)
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);
        concession.RecordDelivery(DeliveryOutcome.Failed, "tariff service unavailable", Asked.AddSeconds(1), Asked.AddSeconds(2));

        var changed = concession.ChangeStatus(to);

        Assert.Equal(new TalkEvent(TalkEventKind.CommitmentStatusChanged, SecondName,
            $"Commitment 2 is now {to.ToString().ToLowerInvariant()} (was official). Its concession will not be sent to the tariff service."), changed);
        Assert.Equal(new Delivery(DeliveryStatus.Cancelled, 1, "tariff service unavailable", null, null), concession.Delivery);
        Assert.Equal(4L, concession.Version);
    }

    [Fact]
    public void ChangeStatus_ConcessionAlreadyDelivered_LeavesTheDeliveryAlone()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);
        concession.RecordDelivery(DeliveryOutcome.Delivered, "", Asked.AddSeconds(1), default);
        var delivered = concession.Delivery;

        var changed = concession.ChangeStatus(CommitmentStatusKind.Withdrawn);

        Assert.Equal("Commitment 2 is now withdrawn (was official).", changed.Summary);
        Assert.Equal(delivered, concession.Delivery);
    }

    [Fact]
    public void CancelDelivery_StillOfficial_ChangesNothing()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);

        var cancelled = concession.CancelDelivery();

        Assert.False(cancelled);
        Assert.Equal((DeliveryStatus.Pending, 2L), (concession.Delivery!.Status, concession.Version));
    }

    [Fact]
    public void CancelDelivery_PendingOnAWithdrawnCommitment_CancelsItAndCountsTheChange()
    {
        var stored = new Commitment(Name, 2, ListFourACut(CommitmentStatusKind.Withdrawn), new Delivery(DeliveryStatus.Pending, 3, "timed out", null, Asked), 6);

        var cancelled = stored.CancelDelivery();

        Assert.True(cancelled);
        Assert.Equal((new Delivery(DeliveryStatus.Cancelled, 3, "timed out", null, null), 7L), (stored.Delivery, stored.Version));
    }

    [Fact]
    public void RecordDelivery_CarriedOutAfterTheDeliveryWasCancelled_RecordsItDelivered()
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);
        concession.ChangeStatus(CommitmentStatusKind.Withdrawn);

        var delivered = concession.RecordDelivery(DeliveryOutcome.Delivered, "", Asked.AddSeconds(1), default);

        Assert.Equal(TalkEventKind.ConcessionDelivered, delivered?.Kind);
        Assert.Equal(new Delivery(DeliveryStatus.Delivered, 1, "", Asked.AddSeconds(1), null), concession.Delivery);
    }

    [Theory]
    [InlineData(DeliveryOutcome.Failed)]
    [InlineData(DeliveryOutcome.Rejected)]
    public void RecordDelivery_AttemptEndingAfterTheDeliveryWasCancelled_ChangesNothing(DeliveryOutcome outcome)
    {
        var concession = Recorded(ListFourACut(), 2);
        concession.RequestImplementation("5f0c2a4e-6d1b-4e0a-9c55-2b7e1d3f4a60", Asked);
        concession.ChangeStatus(CommitmentStatusKind.Withdrawn);
        var cancelled = concession.Delivery;

        var recorded = concession.RecordDelivery(outcome, "Unavailable: no connection", Asked.AddSeconds(1), Asked.AddSeconds(2));

        Assert.Null(recorded);
        Assert.Equal((cancelled, 3L), (concession.Delivery, concession.Version));
    }

    // Phase One goals for 2020 and what China bought above 2017 (phase-one/goals_by_category.csv: 2020 value - 2017 value).
    [Theory]
    [InlineData("Agriculture", "6334034847", "12500000000", "50.7")] // 50.672...
    [InlineData("Manufactured goods", "2146528794", "32900000000", "6.5")] // 6.524...
    [InlineData("Energy", "1148473636", "18500000000", "6.2")] // 6.207...
    [InlineData("Half a tenth", "1", "2000", "0.1")] // 0.05 rounds up
    [InlineData("Over the goal", "3000", "2000", "150")]
    public void FulfilledPercent_PurchasesAgainstTheTarget_IsRoundedToOneDecimal(string category, string bought, string target, string percent)
    {
        var terms = FarmPledge() with { Purchase = Farm2020 with { Category = category, TargetUsd = Money(target) } };

        var progress = new CommitmentProgress(Recorded(terms), [new Purchase(new(2020, 1, 1), new(2020, 12, 31), Money(bought), "")]);

        Assert.Equal(Money(bought), progress.FulfilledUsd);
        Assert.Equal(Money(percent), progress.FulfilledPercent);
    }

    [Fact]
    public void FulfilledUsd_SeveralPeriods_IsTheirSum()
    {
        Purchase[] quarters =
        [
            new(new(2020, 1, 1), new(2020, 3, 31), 1_000_000_000m, "Q1"),
            new(new(2020, 4, 1), new(2020, 6, 30), 1_250_000_000m, "Q2"),
            new(new(2020, 7, 1), new(2020, 9, 30), 2_750_000_000m, "Q3"),
        ];

        var progress = new CommitmentProgress(Recorded(FarmPledge()), quarters);

        Assert.Equal(5_000_000_000m, progress.FulfilledUsd);
        Assert.Equal(40m, progress.FulfilledPercent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void FulfilledPercent_NoTargetOrZero_IsZero(string? target)
    {
        var terms = FarmPledge(CommitmentStatusKind.Indicated) with { Purchase = Farm2020 with { TargetUsd = target is null ? null : Money(target) } };

        var progress = new CommitmentProgress(Recorded(terms), [new Purchase(new(2020, 1, 1), new(2020, 3, 31), 1_000_000_000m, "")]);

        Assert.Equal(0m, progress.FulfilledPercent);
    }

    private static decimal Money(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);

    private static void AssertInvalid(CommitmentTerms terms, string reason, string field, string description)
    {
        var error = Assert.Throws<InvalidInputException>(() => Commitment.Record(Open(), 1, terms));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(new FieldError(field, description), Assert.Single(error.Fields));
    }
}
