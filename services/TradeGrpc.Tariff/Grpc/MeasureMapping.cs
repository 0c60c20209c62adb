using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates measures and exclusions between messages and the domain.</summary>
internal static class MeasureMapping
{
    public static Measure ToMessage(this MeasureRecord record, bool full, DateOnly today)
    {
        var message = new Measure
        {
            Name = record.Name,
            Title = record.Title,
            Description = record.Description,
            LegalBasis = (LegalBasis)record.LegalBasis,
            ImportingCountry = record.ImportingCountry,
            OriginCountries = { record.Origins },
            Heading = record.Heading,
            TradeValue = record.TradeValueUsd?.ToUsd(),
            Phases = { record.Phases.Select(ToMessage) },
            State = (MeasureState)record.StatusOn(today),
            SuspensionDate = record.SuspendedFrom?.ToProtoDate(),
            CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(record.UpdateTime),
            Etag = record.Etag,
            ScopeSize = record.Scope.Count,
            ExcludedWith = record.ExcludedWith.Length > 0 ? $"{MeasureRecord.CollectionId}/{record.ExcludedWith}" : "",
            CountryTreatments =
            {
                record.CountryTreatments.Select(t => new V1.CountryTreatment
                {
                    OriginCountries = { t.Origins },
                    StartDate = t.From.ToProtoDate(),
                    EndDate = t.Through?.ToProtoDate(),
                    Kind = (V1.CountryTreatmentKind)t.Kind,
                    AdValoremPercent = t.Percent?.ToProtoDecimal(),
                    Heading = t.Heading,
                    Basis = t.Basis,
                    QuotaPeriods =
                    {
                        t.QuotaPeriods.Select(p => new V1.QuotaPeriod { StartDate = p.From.ToProtoDate(), EndDate = p.Through.ToProtoDate(), Quantity = p.Quantity.ToQuantity() }),
                    },
                }),
            },
        };
        if (full)
        {
            message.Scope.Add(record.Scope.Select(e => new ProductScope
            {
                Code = e.Code,
                CodeThrough = e.Through,
                Heading = e.Heading,
                CarvedOut = e.CarvedOut,
                Phases = { (e.Phases ?? []).Select(ToMessage) },
            }));
        }

        return message;
    }

    /// <summary>The measure a CreateMeasure request describes, before the book gives it its times and version.</summary>
    public static MeasureRecord ToDraft(this Measure m, string id) => new(id, m.Title, m.Description, (LegalBasisKind)m.LegalBasis, m.ImportingCountry,
        [.. m.OriginCountries], m.Heading, m.Scope.ToScope(), m.TradeValue?.ToDecimal(),
        [.. m.Phases.Select((p, i) => p.ToRecord($"measure.phases[{i}]"))], MeasureStage.Announced, null, default, default, 0)
    {
        CountryTreatments = m.CountryTreatments.ToTreatments(),
    };

    /// <summary>The treatments of a request's measure; a date that is no date is an error on its field.</summary>
    public static IReadOnlyList<Domain.Measures.CountryTreatment> ToTreatments(this IEnumerable<V1.CountryTreatment> treatments) =>
        [.. treatments.Select((t, i) => new Domain.Measures.CountryTreatment(
            [.. t.OriginCountries],
            t.StartDate.ToDateOnly($"measure.country_treatments[{i}].start_date"),
            t.EndDate?.ToDateOnly($"measure.country_treatments[{i}].end_date"),
            (Domain.Measures.CountryTreatmentKind)t.Kind,
            t.AdValoremPercent?.ToDecimal($"measure.country_treatments[{i}].ad_valorem_percent"),
            t.Heading,
            t.Basis)
        {
            QuotaPeriods =
            [
                .. t.QuotaPeriods.Select((p, j) => new Domain.Measures.QuotaPeriod(
                    p.StartDate.ToDateOnly($"measure.country_treatments[{i}].quota_periods[{j}].start_date"),
                    p.EndDate.ToDateOnly($"measure.country_treatments[{i}].quota_periods[{j}].end_date"),
                    p.Quantity.ToAllowance($"measure.country_treatments[{i}].quota_periods[{j}].quantity"))),
            ],
        })];

    public static V1.RatePhase ToMessage(this RatePhaseRecord phase) => new()
    {
        EffectiveDate = phase.EffectiveDate.ToProtoDate(),
        AdValoremPercent = phase.Percent.ToProtoDecimal(),
        Heading = phase.Heading,
        PublishedBy = phase.PublishedBy?.ToMessage(),
        Transit = phase.Transit is { } transit
            ? new V1.TransitRule
            {
                ExportedBeforeDate = transit.ExportedBefore.ToProtoDate(), EnteredBeforeDate = transit.EnteredBefore.ToProtoDate(), Heading = transit.Heading,
            }
            : null,
    };

    public static RatePhaseRecord ToRecord(this V1.RatePhase phase, string field) => new(
        phase.EffectiveDate.ToDateOnly($"{field}.effective_date"),
        phase.AdValoremPercent.ToDecimal($"{field}.ad_valorem_percent"),
        phase.Heading,
        phase.Transit is { } transit
            ? new Domain.Measures.TransitRule(transit.ExportedBeforeDate.ToDateOnly($"{field}.transit.exported_before_date"),
                transit.EnteredBeforeDate.ToDateOnly($"{field}.transit.entered_before_date"), transit.Heading)
            : null);

    public static IReadOnlyList<ScopeEntry> ToScope(this IEnumerable<ProductScope> scope) =>
        [.. scope.Select((e, i) => new ScopeEntry(e.Code, e.CodeThrough, e.Heading, e.CarvedOut,
            e.Phases.Count > 0 ? RatePhases.Sorted(e.Phases.Select((p, j) => p.ToRecord($"measure.scope[{i}].phases[{j}]"))) : null))];

    /// <summary>The exclusion as a message, with what the filed entries have used of its allowance as <paramref name="uses"/> tell.</summary>
    public static Exclusion ToMessage(this ExclusionRecord record, AllowanceUses uses) => new()
    {
        Name = record.Name,
        Measure = $"{MeasureRecord.CollectionId}/{record.MeasureId}",
        HtsCode = record.HtsCode,
        Requester = record.Requester,
        ProductDescription = record.ProductDescription,
        State = (ExclusionState)record.Status,
        Heading = record.Heading,
        StartDate = record.ValidFrom?.ToProtoDate(),
        EndDate = record.ValidTo?.ToProtoDate(),
        CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
        DecideTime = record.DecideTime is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
        RequestedBy = record.RequestedBy?.ToMessage(),
        DecidedBy = record.DecidedBy?.ToMessage(),
        Importer = record.Importer,
        Allowance = record.Allowance?.ToMessage(),
        AllowanceUsed = record.Allowance is { } allowance ? (allowance with { Amount = uses.Used(record.Name) }).ToMessage() : null,
    };
}
