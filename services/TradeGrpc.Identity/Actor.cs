namespace TradeGrpc.Identity;

/// <summary>How a caller proved who it is.</summary>
public enum CredentialKind
{
    /// <summary>None: a caller of a public method, such as health.</summary>
    None = 0,

    /// <summary>A bearer token a user presented.</summary>
    Token = 1,

    /// <summary>A client certificate a service presented.</summary>
    Certificate = 2,

    /// <summary>The service itself, loading its bundled data or carrying out its own work.</summary>
    Internal = 3,
}

/// <summary>Who made a change: recorded on the resources and events it touched, and in the audit trail.</summary>
/// <param name="Subject">The token's subject, or the certificate's common name.</param>
/// <param name="Organisation">The organisation the caller acts for (the token's <c>org</c>); empty when none.</param>
/// <param name="Credential">How the caller proved who it is.</param>
public sealed record Actor(string Subject, string Organisation, CredentialKind Credential)
{
    /// <summary>The service acting on its own: first-start loading, the concession relay.</summary>
    public static Actor System { get; } = new("system", "", CredentialKind.Internal);

    /// <summary>Who owns what this actor asks for (an exclusion request, a licence application): its organisation, else itself.</summary>
    public string Owner => Organisation.Length > 0 ? $"org:{Organisation}" : $"sub:{Subject}";
}
