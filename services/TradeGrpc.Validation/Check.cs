using Google.Protobuf;

namespace TradeGrpc.Validation;

/// <summary>One compiled check on a message: false means maybe invalid.</summary>
internal abstract class Check
{
    public abstract bool Passes(IMessage message);

    /// <summary>Adds to <paramref name="failures"/> the path of each field this check finds wrong, <paramref name="path"/> naming the message itself.</summary>
    public virtual void AddFailures(IMessage message, string path, List<string> failures)
    {
        if (!Passes(message))
        {
            failures.Add(NameIn(path));
        }
    }

    /// <summary>What this check names when it fails: the message itself, unless the check is on one of its fields.</summary>
    protected virtual string NameIn(string path) => path;

    protected static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
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

    public override void AddFailures(IMessage message, string path, List<string> failures)
    {
        foreach (var check in Checks)
        {
            check.AddFailures(message, path, failures);
        }
    }
}
