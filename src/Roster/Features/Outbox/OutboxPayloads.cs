using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Roster.Features.Users;

namespace Roster.Features.Outbox;

/// <summary>
/// An outbox payload carries a one-time token (an invitation, a password reset) until the e-mail is sent, and only
/// the token's hash may exist at rest: the payload is encrypted with ASP.NET Core Data Protection, whose key ring lives
/// beside the database, not in it. The sender reads it back with <see cref="Unprotect"/>. The operations that write to
/// the outbox take this as their one dependency on it, so it also carries how long the links they issue live.
/// </summary>
public sealed class OutboxPayloads(IDataProtectionProvider provider, IOptions<InvitationOptions> lifetimes)
{
    public const string Purpose = "Roster.Outbox";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The configured lifetimes of the one-time links (<c>Roster:Invitations</c>).</summary>
    public InvitationOptions Lifetimes => lifetimes.Value;

    /// <summary>The stored form of a payload's JSON.</summary>
    public string Protect(string json) => _protector.Protect(json);

    /// <summary>The JSON of a stored payload; a payload not written by <see cref="Protect"/> is a <see cref="System.Security.Cryptography.CryptographicException"/>.</summary>
    public string Unprotect(string payload) => _protector.Unprotect(payload);
}
