using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>The lines of the Phase One agreement's annex 6.1, by HS code (mostly headings of four digits), and the category each counts for.</summary>
public sealed class AnnexTable(IReadOnlyDictionary<string, PurchaseCategory> lines)
{
    public int Count => lines.Count;

    /// <summary>
    /// The category of an HS code (digits only): that of the finest annex line it falls under, so
    /// that 290511 (methanol) counts for energy and the rest of 2905 for manufactured goods. A
    /// code coarser than the lines under it counts for their category when they share one, as the
    /// trackers sum the annex by heading: 2711 is energy, listed only as LNG, propane, butane and
    /// other gases. Null when the agreement does not cover the code.
    /// </summary>
    public PurchaseCategory? CategoryOf(string hsCode)
    {
        for (var length = hsCode.Length; length >= 4; length--)
        {
            if (lines.TryGetValue(hsCode[..length], out var category))
            {
                return category;
            }
        }

        var under = lines.Where(l => l.Key.StartsWith(hsCode, StringComparison.Ordinal)).Select(l => l.Value).Distinct().ToList();
        return under.Count == 1 ? under[0] : null;
    }
}

/// <summary>A trade figure: what was bought of the goods of one HS code (4 to 10 digits, dots allowed) in a period.</summary>
public sealed record TradeLine(string HsCode, decimal AmountUsd)
{
    /// <summary>The code without its dots: <c>2709.00.20</c> is <c>27090020</c>.</summary>
    public string Digits => HsCode.Replace(".", "", StringComparison.Ordinal);
}

/// <summary>Where a trade line went: its category and commitment, both null when the agreement does not cover it.</summary>
public sealed record TradeLineAssignment(TradeLine Line, PurchaseCategory? Category, string? Commitment);

/// <summary>Purchase commitments summed: one category's, or (with no category) the deal's.</summary>
public sealed record CategoryProgress(PurchaseCategory? Category, IReadOnlyList<string> Commitments, PurchaseFigures Figures);

/// <summary>The deal's purchase commitments per category, and all of them together.</summary>
public sealed record PurchaseSummary(IReadOnlyList<CategoryProgress> Categories, CategoryProgress Total);

/// <summary>
/// A negotiation's purchase commitments of the agreement's categories, withdrawn ones aside: a
/// party's pledges of one category do not overlap in time, so each purchase has one to count for.
/// </summary>
public sealed class PurchasePledges(IEnumerable<Commitment> commitments)
{
    private readonly List<Commitment> pledges =
        [.. commitments.Where(c => c.Terms.Purchase?.AnnexCategory is not null && c.Status != CommitmentStatusKind.Withdrawn).OrderBy(c => c.Number)];

    /// <summary>Fails when <paramref name="terms"/> would pledge a category for a time another pledge of the party holds already.</summary>
    public void RequireRoomFor(CommitmentTerms terms)
    {
        if (terms is not { Type: CommitmentType.Purchase, Purchase: { AnnexCategory: { } category } purchase })
        {
            return;
        }

        if (Of(terms.Party, category).FirstOrDefault(c => c.Terms.Purchase!.Overlaps(purchase)) is { } taken)
        {
            var held = taken.Terms.Purchase!;
            throw new RuleViolationException("PURCHASE_PERIOD_OVERLAPS", "PURCHASE", taken.Name,
                $"{taken.Name} pledges {terms.Party}'s {Upper.Of(category)} purchases for {held.PeriodStart:yyyy-MM-dd} to {held.PeriodEnd:yyyy-MM-dd}; " +
                $"a pledge of the same category may not overlap it.");
        }
    }

    /// <summary>
    /// Assigns each line to its category and to the party's pledge of that category whose period
    /// holds the lines' period; fails on a covered line without one, naming it in the negotiation <paramref name="negotiation"/>.
    /// The figures give at most one line per HS code, dots aside (<c>2709.00</c> is <c>270900</c>):
    /// each line is recorded as the period's total for its code, so a second one would count the
    /// same goods again; it is refused rather than guessed at (summed, or taken for the first). So is
    /// a code under another line's (1201.90 beside 1201), whose goods that line's total already holds.
    /// </summary>
    public IReadOnlyList<TradeLineAssignment> Assign(string negotiation, AnnexTable annex, string party, DateOnly start, DateOnly end, IReadOnlyList<TradeLine> lines)
    {
        var malformed = lines.Select((line, i) => (line, i)).Where(l => l.line.Digits is not { Length: >= 4 and <= 10 } digits || !digits.All(char.IsAsciiDigit))
            .Select(l => new FieldError($"Lines[{l.i}].HsCode", "must be an HS code of 4 to 10 digits, such as 1201 or 8802.40")).ToArray();
        if (malformed.Length > 0)
        {
            throw new InvalidInputException("HS_CODE", malformed);
        }

        var repeated = lines.Select((line, i) => (line, i)).GroupBy(l => l.line.Digits, StringComparer.Ordinal).SelectMany(g => g.Skip(1))
            .Select(l => new FieldError($"Lines[{l.i}].HsCode", $"repeats HS code {l.line.HsCode} of an earlier line: the figures give at most one line per HS code"))
            .ToArray();
        if (repeated.Length > 0)
        {
            throw new InvalidInputException("DUPLICATE_HS_CODE", repeated);
        }

        // A heading's total holds every code under it: 1201 and 1201.90 together count the soybeans twice.
        // Each code's shorter prefixes of 4 digits or more looked up, not every pair of lines compared.
        var lineOf = lines.Select((line, i) => (line.Digits, i)).ToDictionary(l => l.Digits, l => l.i, StringComparer.Ordinal);
        var overlapping = lines.Select((line, i) => (line, i, under: Enumerable.Range(4, line.Digits.Length - 4)
                .Select(length => lineOf.GetValueOrDefault(line.Digits[..length], -1)).FirstOrDefault(j => j >= 0, -1)))
            .Where(l => l.under >= 0)
            .Select(l => new FieldError($"Lines[{l.i}].HsCode",
                $"HS code {l.line.HsCode} falls under HS code {lines[l.under].HsCode} of lines[{l.under}], whose total holds it: give the heading or the codes under it, not both"))
            .ToArray();
        if (overlapping.Length > 0)
        {
            throw new InvalidInputException("OVERLAPPING_HS_CODE", overlapping);
        }

        return [.. lines.Select(line => annex.CategoryOf(line.Digits) is { } category
            ? new TradeLineAssignment(line, category, (Of(party, category).FirstOrDefault(c => c.Terms.Purchase!.Holds(start, end))
                ?? throw new RuleViolationException("NO_PURCHASE_COMMITMENT", "PURCHASE", negotiation,
                    $"HS {line.HsCode} counts for {Upper.Of(category)}, but {party} has no {Upper.Of(category)} purchase commitment whose period holds {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.")
                {
                    Metadata = new Dictionary<string, string> { ["hs_code"] = line.HsCode, ["category"] = Upper.Of(category) },
                }).Name)
            : new TradeLineAssignment(line, null, null))];
    }

    /// <summary>
    /// The pledges per category (in the enum's order) and in total, with the purchases recorded on
    /// each (by commitment number); only those whose period falls at least in part in
    /// <paramref name="year"/>, unless it is 0.
    /// </summary>
    public PurchaseSummary Summarize(ILookup<int, Purchase> purchases, int year)
    {
        var counted = pledges.Where(c => year == 0 || (c.Terms.Purchase!.PeriodStart.Year <= year && year <= c.Terms.Purchase.PeriodEnd.Year))
            .Select(c => (Category: c.Terms.Purchase!.AnnexCategory, c.Name, new CommitmentProgress(c, [.. purchases[c.Number]]).Figures)).ToList();
        var categories = counted.GroupBy(c => c.Category).OrderBy(g => g.Key).Select(g => Sum(g.Key, g)).ToList();
        return new PurchaseSummary(categories, Sum(null, counted));
    }

    private static CategoryProgress Sum(PurchaseCategory? category, IEnumerable<(PurchaseCategory? Category, string Name, PurchaseFigures Figures)> pledges) =>
        new(category, [.. pledges.Select(p => p.Name)], pledges.Aggregate(PurchaseFigures.None, (sum, p) => sum.Plus(p.Figures)));

    private IEnumerable<Commitment> Of(string party, PurchaseCategory category) =>
        pledges.Where(c => c.Party == party && c.Terms.Purchase!.AnnexCategory == category);
}
