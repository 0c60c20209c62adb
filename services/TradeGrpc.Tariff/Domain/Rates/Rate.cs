namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>A duty rate read from its printed text: the sum of its parts.</summary>
/// <param name="Form">The shape of the rate, decided by its parts.</param>
/// <param name="Parts">The terms in the order printed; empty when free.</param>
/// <param name="Text">The text the rate was read from.</param>
public sealed record Rate(RateForm Form, IReadOnlyList<RatePart> Parts, string Text)
{
    /// <summary>The rate made of <paramref name="parts"/>, with the form they give.</summary>
    public static Rate Of(IReadOnlyList<RatePart> parts, string text) => new(FormOf(parts), parts, text);

    /// <summary>The free rate.</summary>
    public static Rate Free(string text) => new(RateForm.Free, [], text);

    /// <summary>
    /// Free without parts; ad valorem when every part is a percent of the article's value; specific when
    /// every part is an amount per unit; compound otherwise.
    /// </summary>
    public static RateForm FormOf(IReadOnlyList<RatePart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return RateForm.Free;
        }

        if (parts.All(p => p is AdValoremPart { Basis: null }))
        {
            return RateForm.AdValorem;
        }

        return parts.All(p => p is SpecificPart) ? RateForm.Specific : RateForm.Compound;
    }
}
