namespace TradeGrpc.Identity;

/// <summary>The caller of the call in progress: who it is, what it may do, and the party it speaks for when its token names one.</summary>
public sealed record Caller(Actor Actor, IReadOnlySet<string> Permissions, string Party)
{
    private static readonly AsyncLocal<Caller?> Ambient = new();

    /// <summary>The service itself, which may do anything: its first-start loading and its own background work.</summary>
    public static Caller System { get; } = new(Actor.System, Identity.Permissions.All, "");

    /// <summary>A caller of a public method (health, reflection), who showed no credentials.</summary>
    public static Caller Anonymous { get; } = new(new Actor("", "", CredentialKind.None), new HashSet<string>(), "");

    /// <summary>The caller of the call in progress; <see cref="System"/> outside any call.</summary>
    public static Caller Current
    {
        get => Ambient.Value ?? System;
        set => Ambient.Value = value;
    }

    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>Whether this caller may act for <paramref name="party"/>: a token that names no party may act for any.</summary>
    public bool SpeaksFor(string party) => Party.Length == 0 || Party == party;
}
