using System.Collections.Frozen;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Quotes;

/// <summary>
/// The preference programs a quote line may claim, and the countries without normal trade
/// relations. A claim holds when the line prints a special rate under the program and the goods
/// originate in a member (HTS General Note 3). Only the free trade agreements name their members in
/// the schedule's notes; GSP, AGOA, CBERA and the product agreements depend on beneficiary lists and
/// certificates the tariff book does not hold, so a claim under them is refused rather than granted
/// unchecked.
/// </summary>
public static class Preferences
{
    /// <summary>Cuba and North Korea: column 2 throughout 2017-2020.</summary>
    private static readonly FrozenSet<string> Column2Countries = FrozenSet.ToFrozenSet(["CU", "KP"], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (string Agreement, string[] Members)> FreeTradeAgreements =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["AU"] = ("the US-Australia FTA", ["AU"]),
            ["BH"] = ("the US-Bahrain FTA", ["BH"]),
            ["CA"] = ("NAFTA (goods of Canada)", ["CA"]),
            ["MX"] = ("NAFTA (goods of Mexico)", ["MX"]),
            ["CL"] = ("the US-Chile FTA", ["CL"]),
            ["CO"] = ("the US-Colombia TPA", ["CO"]),
            ["IL"] = ("the US-Israel FTA", ["IL"]),
            ["JO"] = ("the US-Jordan FTA", ["JO"]),
            ["KR"] = ("KORUS", ["KR"]),
            ["MA"] = ("the US-Morocco FTA", ["MA"]),
            ["OM"] = ("the US-Oman FTA", ["OM"]),
            ["P"] = ("CAFTA-DR", ["CR", "DO", "SV", "GT", "HN", "NI"]),
            ["PA"] = ("the US-Panama TPA", ["PA"]),
            ["PE"] = ("the US-Peru TPA", ["PE"]),
            ["SG"] = ("the US-Singapore FTA", ["SG"]),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether goods of <paramref name="origin"/> pay the column 2 rate.</summary>
    public static bool PaysColumn2(string origin) => Column2Countries.Contains(origin);

    /// <summary>
    /// The special rate <paramref name="program"/> grants on <paramref name="line"/> for goods of
    /// <paramref name="origin"/>, with the base rate's description; refused (INVALID_ARGUMENT on
    /// <paramref name="field"/>) when the claim does not hold.
    /// </summary>
    public static (SpecialRate Rate, string Description) Claim(string program, string origin, TariffLineRecord line, IReadOnlyList<SpecialRate> offered, string field)
    {
        if (!FreeTradeAgreements.TryGetValue(program, out var agreement))
        {
            throw new InvalidInputException("PREFERENCE_NOT_SUPPORTED", new FieldError(field,
                $"'{program}' is not a free trade agreement program; only these are priced: {string.Join(", ", FreeTradeAgreements.Keys.Order(StringComparer.Ordinal))}"));
        }

        var granted = offered.FirstOrDefault(rate => rate.Programs.Contains(program, StringComparer.Ordinal))
            ?? throw new InvalidInputException("PREFERENCE_NOT_OFFERED", new FieldError(field, offered.Count == 0
                ? $"tariff line {line.Hts8} prints no special rates"
                : $"tariff line {line.Hts8} prints no special rate under {program}; it prints {string.Join(", ", offered.Select(r => $"{r.RateText} ({string.Join(",", r.Programs)})"))}"));
        return agreement.Members.Contains(origin, StringComparer.Ordinal)
            ? (granted, $"Special rate under {agreement.Agreement} ({program})")
            : throw new InvalidInputException("PREFERENCE_ORIGIN_NOT_MEMBER", new FieldError(field,
                $"goods of {origin} cannot claim {agreement.Agreement} ({program}): its members are {string.Join(", ", agreement.Members)}"));
    }
}
