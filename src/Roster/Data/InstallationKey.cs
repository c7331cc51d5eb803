namespace Roster.Data;

/// <summary>
/// A key of the installation that is not the key ring's own (the external sign-in client's), kept beside the key ring
/// in the database and encrypted with it: made once by the first server that needs it, read by every other.
/// </summary>
public sealed class InstallationKey
{
    public required string Name { get; init; }

    /// <summary>The key material, protected by the Data Protection key ring, in base64.</summary>
    public required string Protected { get; init; }
}
