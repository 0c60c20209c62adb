using System.Globalization;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Measures;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.Measures;

public sealed class MeasureRecordTests
{
    private static readonly DateTimeOffset Created = new(2019, 8, 13, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddDays(30);

    /// <summary>List 4A as first announced: 10% from 2019-09-01 (phases given out of order, as a caller may).</summary>
    private static MeasureRecord Draft(params RatePhaseRecord[] phases) => new(
        "us-301-list-4a", "Section 301 list 4A", "Remaining imports of China, first tranche", LegalBasisKind.Section301, "US", ["CN"], "9903.88.15",
        [new("85076000")], 120_000_000_000m, phases, MeasureStage.Withdrawn, new DateOnly(2000, 1, 1), default, default, 99);

    private static MeasureRecord Announced() => MeasureRecord.Create(Draft(new RatePhaseRecord(new(2019, 9, 1), 10)), proposed: false, Created);

    [Fact]
    public void Create_Announced_StartsAtVersionOneWithItsPhasesInDateOrder()
    {
        var measure = MeasureRecord.Create(Draft(new(new(2020, 2, 14), 7.5m), new(new(2019, 9, 1), 15)), proposed: false, Created);

        Assert.Equal([new DateOnly(2019, 9, 1), new DateOnly(2020, 2, 14)], measure.Phases.Select(p => p.EffectiveDate));
        Assert.Equal((MeasureStage.Announced, (DateOnly?)null, 1L, "\"1\""), (measure.Stage, measure.SuspendedFrom, measure.Version, measure.Etag));
        Assert.Equal((Created, Created), (measure.CreateTime, measure.UpdateTime));
        Assert.Equal("measures/us-301-list-4a", measure.Name);
    }

    [Fact]
    public void Create_Proposed_OwesNothingEvenOnItsPhaseDates()
    {
        var measure = MeasureRecord.Create(Draft(new RatePhaseRecord(new(2019, 9, 1), 10)), proposed: true, Created);

        Assert.Equal(MeasureStage.Proposed, measure.Stage);
        Assert.False(measure.Owed(new DateOnly(2019, 9, 1)));
        Assert.Equal(MeasureStatus.Proposed, measure.StatusOn(new DateOnly(2019, 9, 1)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    public void Create_RateAtEitherEndOfZeroTo1000_IsAccepted(string percent)
    {
        var measure = MeasureRecord.Create(Draft(new RatePhaseRecord(new(2019, 9, 1), decimal.Parse(percent, CultureInfo.InvariantCulture))), false, Created);

        Assert.Equal(decimal.Parse(percent, CultureInfo.InvariantCulture), Assert.Single(measure.Phases).Percent);
    }

    [Fact]
    public void Create_RatesOutsideZeroTo1000_FailNamingEachPhase()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            MeasureRecord.Create(Draft(new(new(2019, 9, 1), -1), new(new(2019, 10, 1), 15), new(new(2019, 12, 15), 1000.5m)), false, Created));

        Assert.Equal("INVALID_RATE", error.Reason);
        Assert.Equal(["Phases[0].Percent", "Phases[2].Percent"], error.Fields.Select(f => f.Field));
        Assert.All(error.Fields, f => Assert.Equal("must be a percent from 0 to 1000", f.Description));
    }

    [Fact]
    public void Create_ScopeWithAProductRateOver1000_FailsNamingTheEntry()
    {
        var draft = Draft() with { Scope = [new("120190"), new("120110", Phases: [new(new(2018, 7, 6), 1001)])] };

        var error = Assert.Throws<InvalidInputException>(() => MeasureRecord.Create(draft, false, Created));

        Assert.Equal("Scope[1].Phases[0].Percent", Assert.Single(error.Fields).Field);
    }

    [Theory]
    [InlineData("Title")]
    [InlineData("ImportingCountry")]
    [InlineData("LegalBasis")]
    public void Create_WithoutTitleCountryOrLegalBasis_FailsNamingTheField(string missing)
    {
        var draft = missing switch
        {
            "Title" => Draft() with { Title = "" },
            "ImportingCountry" => Draft() with { ImportingCountry = "" },
            _ => Draft() with { LegalBasis = default },
        };

        var error = Assert.Throws<InvalidInputException>(() => MeasureRecord.Create(draft, false, Created));

        Assert.Equal("MISSING_FIELD", error.Reason);
        Assert.Equal(missing, Assert.Single(error.Fields).Field);
    }

    [Theory]
    [InlineData("2019-08-31", MeasureStatus.Announced, false)]
    [InlineData("2019-09-01", MeasureStatus.InEffect, true)]
    [InlineData("2019-12-14", MeasureStatus.InEffect, true)]
    [InlineData("2019-12-15", MeasureStatus.Suspended, false)]
    public void StatusOn_AnnouncedThenSuspended_FollowsTheDates(string day, MeasureStatus status, bool dutyOwed)
    {
        var measure = Announced().Suspend(new DateOnly(2019, 12, 15), Later);

        Assert.Equal(status, measure.StatusOn(Day(day)));
        Assert.Equal(dutyOwed, measure.Owed(Day(day)) && RatePhases.InForce(measure.Phases, Day(day), null, measure.Heading) is not null);
    }

    [Fact]
    public void FirstEffectiveDate_NoPhasesOfItsOwn_IsTheEarliestProductPhase()
    {
        var measure = Draft() with
        {
            Phases = [],
            Scope = [new("120190", Phases: [new(new(2018, 7, 6), 25)]), new("020329", Phases: [new(new(2018, 4, 2), 25)])],
        };

        Assert.Equal(new DateOnly(2018, 4, 2), measure.FirstEffectiveDate());
    }

    [Fact]
    public void SchedulePhase_ProposedMeasure_AnnouncesItAndKeepsPhasesInDateOrder()
    {
        var proposed = MeasureRecord.Create(Draft(new RatePhaseRecord(new(2019, 9, 1), 10)), proposed: true, Created);

        var scheduled = proposed.SchedulePhase(new RatePhaseRecord(new(2019, 8, 1), 5), Later);

        Assert.Equal(MeasureStage.Announced, scheduled.Stage);
        Assert.Equal([(new DateOnly(2019, 8, 1), 5m), (new DateOnly(2019, 9, 1), 10m)], scheduled.Phases.Select(p => (p.EffectiveDate, p.Percent)));
        Assert.Equal((2L, Later), (scheduled.Version, scheduled.UpdateTime));
        Assert.Equal(Created, scheduled.CreateTime);
    }

    [Fact]
    public void SchedulePhase_OnTheDateOfAnExistingPhase_ReplacesIt()
    {
        // 2019-08-23: the rate announced for September 1 raised from 10% to 15%.
        var raised = Announced().SchedulePhase(new RatePhaseRecord(new(2019, 9, 1), 15), Later);

        Assert.Equal(15m, Assert.Single(raised.Phases).Percent);
    }

    [Fact]
    public void SchedulePhase_ThePhaseItHoldsAlready_ChangesNothing()
    {
        // 4A's cut to 7.5% from 2020-02-14, as the book holds it, scheduled again by the Phase One concession.
        var cut = Announced().SchedulePhase(new RatePhaseRecord(new(2020, 2, 14), 7.5m), Later);

        var again = cut.SchedulePhase(new RatePhaseRecord(new(2020, 2, 14), 7.5m), Later.AddDays(1));

        Assert.Same(cut, again);
    }

    [Fact]
    public void SchedulePhase_RateOver1000_FailsNamingThePercent()
    {
        var error = Assert.Throws<InvalidInputException>(() => Announced().SchedulePhase(new RatePhaseRecord(new(2019, 10, 1), 1000.01m), Later));

        Assert.Equal(("INVALID_RATE", "Percent"), (error.Reason, Assert.Single(error.Fields).Field));
    }

    [Fact]
    public void Suspend_AlreadySuspended_FailsNamingTheFirstDate()
    {
        var suspended = Announced().Suspend(new DateOnly(2019, 12, 15), Later);

        var error = Assert.Throws<RuleViolationException>(() => suspended.Suspend(new DateOnly(2020, 1, 1), Later));

        Assert.Equal(("MEASURE_ALREADY_SUSPENDED", "measures/us-301-list-4a"), (error.Reason, error.Subject));
        Assert.Equal("measures/us-301-list-4a is suspended from 2019-12-15 already.", error.Message);
        Assert.Equal(2L, suspended.Version);
    }

    [Fact]
    public void Suspend_AgainFromTheSameDate_ChangesNothing()
    {
        // 4B, suspended from 2019-12-15 before it took effect, and the Phase One concession saying so again.
        var suspended = Announced().Suspend(new DateOnly(2019, 12, 15), Later);

        Assert.Same(suspended, suspended.Suspend(new DateOnly(2019, 12, 15), Later.AddDays(1)));
    }

    [Fact]
    public void Withdraw_AnnouncedMeasure_OwesNothingOnAnyDate()
    {
        var withdrawn = Announced().Withdraw(Later);

        Assert.Equal((MeasureStage.Withdrawn, 2L), (withdrawn.Stage, withdrawn.Version));
        Assert.False(withdrawn.Owed(new DateOnly(2019, 10, 1)));
        Assert.Equal(MeasureStatus.Withdrawn, withdrawn.StatusOn(new DateOnly(2019, 10, 1)));
    }

    [Theory]
    [InlineData("schedule a rate phase")]
    [InlineData("suspend it")]
    [InlineData("withdraw it")]
    public void AnyChange_WithdrawnMeasure_FailsNamingTheAction(string action)
    {
        var withdrawn = Announced().Withdraw(Later);
        Func<MeasureRecord> change = action switch
        {
            "schedule a rate phase" => () => withdrawn.SchedulePhase(new RatePhaseRecord(new(2019, 10, 1), 25), Later),
            "suspend it" => () => withdrawn.Suspend(new DateOnly(2019, 10, 1), Later),
            _ => () => withdrawn.Withdraw(Later),
        };

        var error = Assert.Throws<RuleViolationException>(change);

        Assert.Equal("MEASURE_WITHDRAWN", error.Reason);
        Assert.Equal($"measures/us-301-list-4a is withdrawn; cannot {action}.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"1\"")]
    public void Update_NoEtagOrTheCurrentOne_AppliesTheEdit(string etag)
    {
        var updated = Announced().Update(etag, m => m with { Title = "Section 301 list 4A (September 1 tranche)" }, Later);

        Assert.Equal(("Section 301 list 4A (September 1 tranche)", 2L, "\"2\"", Later), (updated.Title, updated.Version, updated.Etag, updated.UpdateTime));
    }

    [Fact]
    public void Update_StaleEtag_ConflictsNamingTheCurrentOne()
    {
        var current = Announced().Suspend(new DateOnly(2019, 12, 15), Later);

        var error = Assert.Throws<ConflictException>(() => current.Update("\"1\"", m => m with { Title = "List 4A" }, Later));

        Assert.Equal(("ETAG_MISMATCH", "measures/us-301-list-4a"), (error.Reason, error.Resource));
        Assert.Equal("measures/us-301-list-4a changed since etag \"1\"; read it again (etag \"2\").", error.Message);
    }

    [Fact]
    public void Update_ScopeWithANegativeProductRate_FailsNamingTheEntry()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Announced().Update("", m => m with { Scope = [new("85076000", Phases: [new(new(2019, 9, 1), -5)])] }, Later));

        Assert.Equal("Scope[0].Phases[0].Percent", Assert.Single(error.Fields).Field);
    }
}
