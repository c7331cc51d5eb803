using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Roster.Data;
using Roster.Security;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Data;

/// <summary>
/// Where the Data Protection key ring lives: on PostgreSQL in the database, so that every server reads what another
/// protected, whatever folder it has; beside a SQLite database in its folder, as before.
/// </summary>
public sealed class KeyRingTests(RosterFixture fixture) : IClassFixture<RosterFixture>, IDisposable
{
    private readonly string _otherMachine = Directory.CreateTempSubdirectory("roster-other-keys-").FullName;

    [Fact]
    public async Task TwoServers_OneDatabase_AnAccessKeySecretProtectedByOneIsReadByTheOther()
    {
        var account = await fixture.CreateAccountAsync();
        var created = await account.CreateProductEnvironmentAsync();
        var secret = created.GetProperty("api_access_keys")[0].GetProperty("secret").GetString()!;
        var path = $"{account.V1}/sub_accounts/{created.GetProperty("id").GetString()}";

        // Note: a SQLite database is one machine's file, and its key ring the folder beside it; on PostgreSQL the second
        // server has a folder of its own, as another machine would, and still reads the secret.
        await using var second = await fixture.StartAnotherServerAsync(RosterFixture.OnPostgres ? _otherMachine : null);
        using var client = second.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiKey}:{account.ApiSecret}")));
        var read = (await client.GetJsonAsync(path)).Ok();

        Assert.Equal(secret, read.GetProperty("api_access_keys")[0].GetProperty("secret").GetString());
        var rows = await fixture.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        var files = Directory.Exists(fixture.KeysDirectory) ? Directory.GetFiles(fixture.KeysDirectory, "*.xml") : [];
        if (RosterFixture.OnPostgres)
        {
            Assert.NotEmpty(rows);
            Assert.All(rows, xml => Assert.StartsWith("<key id=", xml));
            Assert.Empty(files);
            Assert.Empty(Directory.GetFiles(_otherMachine, "*", SearchOption.AllDirectories));
        }
        else
        {
            Assert.Empty(rows);
            Assert.NotEmpty(files);
        }
    }

    [Fact]
    public async Task KeysInAFolderFromAnEarlierRoster_AreCopiedIntoTheDatabaseOnce_AndWhatTheyProtectedStaysReadable()
    {
        var folder = Path.Combine(_otherMachine, "keys");
        string protectedEarlier;
        using (var earlier = new ServiceCollection().AddDataProtection().SetApplicationName("Roster")
            .PersistKeysToFileSystem(new DirectoryInfo(folder)).Services.BuildServiceProvider())
        {
            protectedEarlier = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept since before");
        }
        var files = Directory.GetFiles(folder, "*.xml");
        Assert.Single(files);

        await using var server = await fixture.StartAnotherServerAsync(folder);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var keyRing = scope.ServiceProvider.GetRequiredService<KeyRing>();
        var copied = await KeyRingImport.RunAsync(db, keyRing, CancellationToken.None);
        var again = await KeyRingImport.RunAsync(db, keyRing, CancellationToken.None);

        var name = Path.GetFileNameWithoutExtension(files[0]);
        var rows = await db.DataProtectionKeys.CountAsync(k => k.FriendlyName == name);
        Assert.Equal(RosterFixture.OnPostgres ? (1, 0, 1) : (0, 0, 0), (copied, again, rows));
        Assert.Equal(RosterFixture.OnPostgres ? KeyRingStore.Database : KeyRingStore.Folder, keyRing.Store);
        var reader = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("kept since before", reader.Unprotect(protectedEarlier));
    }

    [Fact]
    public async Task ExternalSignInClientKeys_MadeOnceBesideTheKeyRing_TheSameOnTwoServers_EncryptedAtRest()
    {
        await using var second = await fixture.StartAnotherServerAsync(RosterFixture.OnPostgres ? _otherMachine : null);

        var keys = new[] { fixture.Services, second.Services }.Select(services => ExternalClientKeys.Load(services.GetRequiredService<KeyRing>(),
            services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<IServiceScopeFactory>())).ToList();

        var material = ((SymmetricSecurityKey)keys[0].Encryption.Key).Key;
        Assert.Equal(32, material.Length);
        Assert.Equal(material, ((SymmetricSecurityKey)keys[1].Encryption.Key).Key);
        Assert.Equal(((SymmetricSecurityKey)keys[0].Signing.Key).Key, ((SymmetricSecurityKey)keys[1].Signing.Key).Key);
        var stored = RosterFixture.OnPostgres
            ? Convert.FromBase64String(await fixture.WithDbAsync(db => db.InstallationKeys.Where(k => k.Name == ExternalClientKeys.KeyName)
                .Select(k => k.Protected).SingleAsync()))
            : await File.ReadAllBytesAsync(Path.Combine(fixture.KeysDirectory, ExternalClientKeys.FileName));
        Assert.True(stored.AsSpan().IndexOf(material) < 0, "The stored keys hold the key in the clear.");
        Assert.False(RosterFixture.OnPostgres && File.Exists(Path.Combine(fixture.KeysDirectory, ExternalClientKeys.FileName)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_otherMachine, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }
}
