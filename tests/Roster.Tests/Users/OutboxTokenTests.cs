using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Users;

/// <summary>Only a one-time token's hash is at rest: the e-mail waiting in the outbox holds it encrypted, and the
/// link it carries still works once the mailer reads it back.</summary>
public sealed class OutboxTokenTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Invitation_RawTokenIsNowhereInTheOutboxRow_AndStillAcceptsTheInvitation()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        var token = await fixture.OutboxTokenAsync(id);

        var rows = await RawOutboxRowsAsync(account.Id, "invitation");

        var row = Assert.Single(rows, r => r.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain(token, row, StringComparison.Ordinal);
        Assert.DoesNotContain(id, row, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain(token, r, StringComparison.Ordinal));
        (await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password })).Ok();
    }

    [Fact]
    public async Task PasswordReset_RawTokenIsNowhereInTheOutboxRow_AndStillSetsThePassword()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Ok();
        var token = await fixture.OutboxTokenAsync(id, "password_reset");

        var rows = await RawOutboxRowsAsync(account.Id, "password_reset");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain(token, r, StringComparison.Ordinal));
        (await fixture.Anonymous().PostJsonAsync("/api/password_resets/complete", new { token, password = Scenarios.OtherPassword })).Ok();
    }

    [Fact]
    public void Payloads_RoundTripThroughTheProtector_AndAnUnprotectedOneIsRefused()
    {
        var payloads = fixture.Services.GetRequiredService<OutboxPayloads>();
        const string Json = """{"user_id":"u","name":"n","token":"t0k3n"}""";

        var stored = payloads.Protect(Json);

        Assert.DoesNotContain("t0k3n", stored, StringComparison.Ordinal);
        Assert.Equal(Json, payloads.Unprotect(stored));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => payloads.Unprotect(Json));
    }

    [Fact]
    public async Task Migration_DeletesUnsentPlainPayloads_AndClearsSentOnes()
    {
        var target = await fixture.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddRosterDb(target);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var migrations = db.Database.GetMigrations().ToList();
        var protecting = migrations.FindIndex(m => m.EndsWith("_OutboxPayloadsProtected", StringComparison.Ordinal));
        Assert.True(protecting > 0);
        await db.GetService<IMigrator>().MigrateAsync(migrations[protecting - 1]);
        // Note: rows as that schema held them, written in SQL: the current model has columns it did not.
        object now = RosterFixture.OnPostgres ? DateTimeOffset.UtcNow : 0L;
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO "OutboxMessages" ("AccountId", "Kind", "Recipient", "Payload", "CreatedAt", "SentAt")
            VALUES ('a', 'invitation', 'unsent@example.com', '{"user_id":"u1","token":"raw-unsent"}', {{now}}, NULL),
                   ('a', 'invitation', 'sent@example.com', '{"user_id":"u2","token":"raw-sent"}', {{now}}, {{now}})
            """);

        await DatabaseMigrator.MigrateAsync(db, target, CancellationToken.None);

        var left = await db.OutboxMessages.AsNoTracking().ToListAsync();
        var sent = Assert.Single(left);
        Assert.Equal("sent@example.com", sent.Recipient);
        Assert.Equal("{}", sent.Payload);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
    }

    /// <summary>Every column of the account's outbox rows of this kind, as the database holds them, read with plain SQL.</summary>
    private Task<List<string>> RawOutboxRowsAsync(string accountId, string kind) =>
        fixture.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """SELECT * FROM "OutboxMessages" WHERE "AccountId" = @account AND "Kind" = @kind""";
                Add(command, "@account", accountId);
                Add(command, "@kind", kind);
                var rows = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                        .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
                }
                return rows;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
