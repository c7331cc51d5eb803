using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Roster.Security;

namespace Roster.Data;

/// <summary>Where the Data Protection keys are kept.</summary>
public enum KeyRingStore
{
    /// <summary>XML files in a folder beside the database (SQLite): one server, or servers sharing the folder.</summary>
    Folder,

    /// <summary>Rows of the <c>DataProtectionKeys</c> table (PostgreSQL): every server on the database reads the same ring.</summary>
    Database,
}

/// <summary>
/// Where the Data Protection key ring lives (<see cref="Store"/>: a folder beside a SQLite database, the PostgreSQL
/// database itself) and the certificate that encrypts it at rest, if one is configured: <c>Roster:DataProtection:Certificate</c>, a PFX or PEM file (certificate and private
/// key), with <c>Roster:DataProtection:CertificatePassword</c> when it has one. Keys written under an earlier
/// certificate stay readable when that certificate is listed in <c>Roster:DataProtection:PreviousCertificates</c>
/// (each a <c>Path</c> and an optional <c>Password</c>). In the database, <see cref="Directory"/> is the folder an earlier
/// Roster kept the keys in: what it holds is imported once (<see cref="KeyRingImport"/>).
/// </summary>
public sealed record KeyRing(KeyRingStore Store, string Directory, X509Certificate2? Certificate, IReadOnlyList<X509Certificate2> PreviousCertificates)
{
    public const string CertificateSetting = "Roster__DataProtection__Certificate";

    /// <summary>The table that holds the keys when they are kept in the database.</summary>
    public const string Table = "DataProtectionKeys";

    /// <summary>Where the keys are, in words: the folder, or the database's table.</summary>
    public string Where(DatabaseTarget database) => Store == KeyRingStore.Folder
        ? Directory
        : $"the {Table} table of the database ({database.Description})";

    /// <summary>Reads the settings and loads the certificates; a file that cannot be used is a <see cref="KeyRingException"/>.</summary>
    public static KeyRing From(IConfiguration configuration, KeyRingStore store, string directory)
    {
        var section = configuration.GetSection("Roster:DataProtection");
        var certificate = section["Certificate"] is { Length: > 0 } path ? Load(path, section["CertificatePassword"]) : null;
        var previous = section.GetSection("PreviousCertificates").GetChildren()
            .Where(c => c["Path"] is { Length: > 0 })
            .Select(c => Load(c["Path"]!, c["Password"]))
            .ToList();
        if (certificate is null && previous.Count > 0)
        {
            throw new KeyRingException("Roster__DataProtection__PreviousCertificates is set without Roster__DataProtection__Certificate.");
        }
        return new KeyRing(store, Path.GetFullPath(directory), certificate, previous);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        var full = Path.GetFullPath(path);
        X509Certificate2 certificate;
        try
        {
            certificate = LooksLikePem(full)
                ? string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(full)
                    : X509Certificate2.CreateFromEncryptedPemFile(full, password)
                : X509CertificateLoader.LoadPkcs12FromFile(full, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new KeyRingException($"The Data Protection certificate {full} cannot be loaded: {e.Message}");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new KeyRingException($"The Data Protection certificate {full} has no private key: keys encrypted with it could never be read back.");
        }
        return certificate;
    }

    private static bool LooksLikePem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[256];
        var read = reader.ReadBlock(start);
        return new string(start, 0, read).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}

/// <summary>The key ring's certificate settings name a file Roster cannot use; <c>serve</c> refuses to start, saying why.</summary>
public sealed class KeyRingException(string message) : Exception(message);

/// <summary>
/// Brings a key ring kept in a folder by an earlier Roster on PostgreSQL into the database, once: each key's XML as it
/// was written (encrypted by the certificate if it was), and the external sign-in client's key file, so that what the
/// folder's keys protected stays readable. Keys already in the database are left as they are.
/// </summary>
public static class KeyRingImport
{
    /// <summary>How many keys it copied (none when the ring is kept in a folder, or the folder holds no key the table lacks).</summary>
    public static async Task<int> RunAsync(RosterDb db, KeyRing keyRing, CancellationToken ct)
    {
        if (keyRing.Store != KeyRingStore.Database || !System.IO.Directory.Exists(keyRing.Directory))
        {
            return 0;
        }
        var present = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var copied = 0;
        foreach (var file in System.IO.Directory.GetFiles(keyRing.Directory, "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (present.Contains(name))
            {
                continue;
            }
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, ct) });
            copied++;
        }
        var clientKey = Path.Combine(keyRing.Directory, ExternalClientKeys.FileName);
        if (File.Exists(clientKey) && !await db.InstallationKeys.AnyAsync(k => k.Name == ExternalClientKeys.KeyName, ct))
        {
            db.InstallationKeys.Add(new InstallationKey
            {
                Name = ExternalClientKeys.KeyName,
                Protected = Convert.ToBase64String(await File.ReadAllBytesAsync(clientKey, ct)),
            });
        }
        await db.SaveChangesAsync(ct);
        return copied;
    }
}
