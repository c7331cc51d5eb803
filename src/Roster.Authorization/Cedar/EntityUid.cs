namespace Roster.Authorization.Cedar;

/// <summary>An entity's identity: its type name with namespaces (<c>Cloudinary::User</c>) and its id.</summary>
public readonly record struct EntityUid(string Type, string Id)
{
    /// <summary>The Cedar form, <c>Type::"id"</c>, with the id escaped as a Cedar string literal.</summary>
    public override string ToString() => $"{Type}::{CedarString.Quote(Id)}";
}
