using Microsoft.AspNetCore.DataProtection;
using Roster.Common;

namespace Roster.Features.AccessKeys;

/// <summary>
/// Access-key secrets must be shown back through the API, so they cannot be hashed: they are encrypted
/// at rest with ASP.NET Core Data Protection, whose key ring lives beside the database, not in it.
/// </summary>
public sealed class AccessKeySecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Roster.AccessKeys.Secret.v1");

    public string Reveal(AccessKey key) => _protector.Unprotect(key.ProtectedSecret);

    public AccessKey Create(string productEnvironmentId, string? name, bool enabled, DateTimeOffset now) => new()
    {
        ApiKey = Secrets.NewApiKey(),
        ProductEnvironmentId = productEnvironmentId,
        Name = name,
        ProtectedSecret = _protector.Protect(Secrets.NewSecret()),
        Enabled = enabled,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
