using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Allowances;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates allowances, quota quantities and what a line draws on them between messages and the domain.</summary>
internal static class AllowanceMapping
{
    /// <summary>The allowance of a request; <paramref name="field"/> is where it is, for an amount that is no number.</summary>
    public static Allowance ToAllowance(this V1.Allowance allowance, string field) =>
        allowance.AmountCase == V1.Allowance.AmountOneofCase.Value
            ? new Allowance(Allowance.Usd, allowance.Value.ToDecimal())
            : allowance.Quantity.ToAllowance($"{field}.quantity");

    public static Allowance ToAllowance(this V1.Quantity quantity, string field) => new(quantity.Unit, quantity.Value.ToDecimal($"{field}.value"));

    public static V1.Allowance ToMessage(this Allowance allowance) => Amount(allowance.Unit, allowance.Amount);

    public static V1.AllowanceDraw ToMessage(this AllowanceDraw draw) => new()
    {
        Source = draw.Source,
        Remaining = Amount(draw.Unit, draw.Remaining),
        Drawn = Amount(draw.Unit, draw.Drawn),
        Beyond = Amount(draw.Unit, draw.Beyond),
    };

    public static V1.Quantity ToQuantity(this Allowance quantity) => new() { Unit = quantity.Unit, Value = quantity.Amount.ToProtoDecimal() };

    private static V1.Allowance Amount(string unit, decimal amount) =>
        unit == Allowance.Usd ? new V1.Allowance { Value = amount.ToUsd() } : new V1.Allowance { Quantity = new Allowance(unit, amount).ToQuantity() };
}
