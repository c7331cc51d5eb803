using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Roster.Data;

/// <summary>
/// Where the Data Protection key ring lives (a folder beside the database) and the certificate that encrypts it at
/// rest, if one is configured: <c>Roster:DataProtection:Certificate</c>, a PFX or PEM file (certificate and private
/// key), with <c>Roster:DataProtection:CertificatePassword</c> when it has one. Keys written under an earlier
/// certificate stay readable when that certificate is listed in <c>Roster:DataProtection:PreviousCertificates</c>
/// (each a <c>Path</c> and an optional <c>Password</c>).
/// </summary>
public sealed record KeyRing(string Directory, X509Certificate2? Certificate, IReadOnlyList<X509Certificate2> PreviousCertificates)
{
    public const string CertificateSetting = "Roster__DataProtection__Certificate";

    /// <summary>Reads the settings and loads the certificates; a file that cannot be used is a <see cref="KeyRingException"/>.</summary>
    public static KeyRing From(IConfiguration configuration, string directory)
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
        return new KeyRing(Path.GetFullPath(directory), certificate, previous);
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
