namespace TradeGrpc.Validation;

/// <summary>Thrown while compiling fast checks when a message type reaches a rule they do not cover.</summary>
internal sealed class UnsupportedRuleException(string message) : Exception(message);
