using Google.Protobuf;

namespace TradeGrpc.Validation;

/// <summary>One compiled check on a message: false means maybe invalid.</summary>
internal abstract class Check
{
    public abstract bool Passes(IMessage message);
}

/// <summary>All the checks of one message type; filled after creation so that recursive types can refer to it.</summary>
internal sealed class MessageCheck : Check
{
    public Check[] Checks { get; set; } = [];

    public override bool Passes(IMessage message)
    {
        foreach (var check in Checks)
        {
            if (!check.Passes(message))
            {
                return false;
            }
        }

        return true;
    }
}
