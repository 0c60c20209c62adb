using System.Linq.Expressions;
using Google.Protobuf;

namespace TradeGrpc.Validation;

/// <summary>
/// One check on a message: false means maybe invalid. A check is an expression on the message typed as its generated
/// class, compiled once into a delegate: every request runs the checks of its type, and read through the protobuf
/// reflection accessors they cost a delegate call, a cast and, for a number, a box per field.
/// </summary>
internal abstract class Check
{
    private Func<IMessage, bool>? passes;

    /// <summary>Whether <paramref name="message"/>, of the type this check was made for, passes.</summary>
    public bool Passes(IMessage message) => (passes ??= FieldAccess.Compile<IMessage>(message.Descriptor.ClrType, Test))(message);

    /// <summary>The check on <paramref name="message"/>, an expression typed as the message's generated class.</summary>
    public abstract Expression Test(Expression message);

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

    /// <summary><c>Passes(value)</c>: a call to the compiled check, for a nested message, where inlining would not end (a type that contains itself).</summary>
    public Expression Called(Expression value) =>
        Expression.Call(Expression.Constant(this, typeof(Check)), typeof(Check).GetMethod(nameof(Passes))!, Expression.Convert(value, typeof(IMessage)));
}

/// <summary>All the checks of one message type; filled after creation so that recursive types can refer to it.</summary>
internal sealed class MessageCheck : Check
{
    public Check[] Checks { get; set; } = [];

    /// <summary>True when the type has no rule, so that a field of it needs no call.</summary>
    public bool IsEmpty => Checks.Length == 0;

    public override Expression Test(Expression message) =>
        FieldAccess.All(Checks.Select(c => c.Test(message)));

    public override void AddFailures(IMessage message, string path, List<string> failures)
    {
        foreach (var check in Checks)
        {
            check.AddFailures(message, path, failures);
        }
    }
}
