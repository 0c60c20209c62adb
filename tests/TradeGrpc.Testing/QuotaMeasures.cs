using System.Globalization;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Testing;

/// <summary>
/// A measure of Korean galvanized steel under an absolute quota, made through the API for a test of
/// its own: 25% on 7210.49.00 (general rate free) of Korea from a year, whose goods enter instead under
/// a quota of 100 t a quarter of that year, and exclusions granted from it.
/// </summary>
public static class QuotaMeasures
{
    public const string Code = "7210.49.00";

    /// <summary>The measure's name, <c>measures/{id}</c>; its quota for a quarter is <c>{name}/quotas/KR/{quarter's first day}</c>.</summary>
    public static async Task<string> CreateAsync(MeasureService.MeasureServiceClient measures, int year)
    {
        var created = await measures.CreateMeasureAsync(new CreateMeasureRequest
        {
            MeasureId = $"quota-{Guid.NewGuid():N}"[..20],
            Measure = new Measure
            {
                Title = "Steel quota", LegalBasis = LegalBasis.Section232, ImportingCountry = "US", OriginCountries = { "KR" }, Heading = "9903.80.01",
                Scope = { new ProductScope { Code = Code.Replace(".", "", StringComparison.Ordinal) } },
                Phases = { new RatePhase { EffectiveDate = Day(year, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "25" } } },
            },
        });
        var treatment = new CountryTreatment
        {
            OriginCountries = { "KR" }, StartDate = Day(year, 1, 1), Kind = CountryTreatmentKind.AbsoluteQuota, Basis = "Absolute quota",
            QuotaPeriods =
            {
                new[] { (1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31) }.Select(q => new QuotaPeriod
                {
                    StartDate = Day(year, q.Item1, 1), EndDate = Day(year, q.Item2, q.Item3), Quantity = Tonnes(100),
                }),
            },
        };
        await measures.UpdateMeasureAsync(new UpdateMeasureRequest
        {
            Measure = new Measure { Name = created.Name, CountryTreatments = { treatment } },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "country_treatments" } },
        });
        return created.Name;
    }

    /// <summary>An exclusion of the measure's steel up to <paramref name="tonnes"/>, for <paramref name="importer"/> only unless "", granted for the year.</summary>
    public static async Task<Exclusion> GrantExclusionAsync(MeasureService.MeasureServiceClient measures, string measure, int year, decimal tonnes, string importer = "")
    {
        var requested = await measures.RequestExclusionAsync(new RequestExclusionRequest
        {
            Exclusion = new Exclusion
            {
                Measure = measure, HtsCode = Code, Requester = importer.Length > 0 ? importer : "Steel Co", Importer = importer,
                Allowance = new Allowance { Quantity = Tonnes(tonnes) }, ProductDescription = "Galvanized sheet for a stated contract",
            },
        });
        return await measures.GrantExclusionAsync(new GrantExclusionRequest { Name = requested.Name, StartDate = Day(year, 1, 1), EndDate = Day(year, 12, 31) });
    }

    public static Quantity Tonnes(decimal tonnes) => new() { Unit = "T", Value = new Google.Type.Decimal { Value = tonnes.ToString(CultureInfo.InvariantCulture) } };
}
