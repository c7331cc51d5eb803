using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// The signing and encryption keys OpenIddict's client insists on holding. With its Data Protection integration the state
/// of a sign-in is protected by the installation's key ring, not by these keys; they are still kept as any key of Roster's
/// is: made once, stored beside the key ring (in its folder, or in the database's <c>InstallationKeys</c> when the ring is
/// kept there) encrypted with the key ring itself (so nothing new to manage or back up), the same for every server that
/// shares the ring and across restarts, in case OpenIddict ever reads a token with them.
/// </summary>
public static class ExternalClientKeys
{
    public const string FileName = "external-sign-in-client.key";

    /// <summary>The keys' name in <see cref="RosterDb.InstallationKeys"/>.</summary>
    public const string KeyName = "external-sign-in-client";

    private const string Purpose = "Roster.ExternalSignIn.ClientKeys";

    /// <summary>256 bits for AES key wrap, 512 for HMAC-SHA-256 signing, in one protected blob.</summary>
    private const int EncryptionKeyBytes = 32;
    private const int SigningKeyBytes = 64;

    /// <summary>The keys of this installation, made the first time they are asked for.</summary>
    public static (EncryptingCredentials Encryption, SigningCredentials Signing) Load(KeyRing keyRing, IDataProtectionProvider dataProtection,
        IServiceScopeFactory scopes)
    {
        var protector = dataProtection.CreateProtector(Purpose);
        var material = keyRing.Store == KeyRingStore.Database ? FromDatabase(scopes, protector) : FromFolder(keyRing, protector);
        var encryption = new SymmetricSecurityKey(material[..EncryptionKeyBytes]) { KeyId = "roster-state-encryption" };
        var signing = new SymmetricSecurityKey(material[EncryptionKeyBytes..]) { KeyId = "roster-state-signing" };
        return (
            new EncryptingCredentials(encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512),
            new SigningCredentials(signing, SecurityAlgorithms.HmacSha256));
    }

    private static byte[] FromFolder(KeyRing keyRing, IDataProtector protector)
    {
        var path = Path.Combine(keyRing.Directory, FileName);
        return File.Exists(path) ? protector.Unprotect(File.ReadAllBytes(path)) : Create(path, protector);
    }

    // Note: OpenIddict reads its options synchronously, so this reads and writes the database synchronously, once.
    private static byte[] FromDatabase(IServiceScopeFactory scopes, IDataProtector protector)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        if (db.InstallationKeys.AsNoTracking().FirstOrDefault(k => k.Name == KeyName) is { } stored)
        {
            return protector.Unprotect(Convert.FromBase64String(stored.Protected));
        }
        var material = RandomNumberGenerator.GetBytes(EncryptionKeyBytes + SigningKeyBytes);
        db.InstallationKeys.Add(new InstallationKey { Name = KeyName, Protected = Convert.ToBase64String(protector.Protect(material)) });
        try
        {
            db.SaveChanges();
            return material;
        }
        catch (DbUpdateException)
        {
            // Note: another server made them first (the name is the key): both use the row that won.
            db.ChangeTracker.Clear();
            var winner = db.InstallationKeys.AsNoTracking().First(k => k.Name == KeyName);
            return protector.Unprotect(Convert.FromBase64String(winner.Protected));
        }
    }

    private static byte[] Create(string path, IDataProtector protector)
    {
        var material = RandomNumberGenerator.GetBytes(EncryptionKeyBytes + SigningKeyBytes);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, protector.Protect(material));
        try
        {
            // Note: a move that never replaces: when two servers start at once, the first file wins and both use it.
            File.Move(temporary, path, overwrite: false);
            return material;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return protector.Unprotect(File.ReadAllBytes(path));
        }
    }
}
