using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;

namespace Roster.Tests.Fuzz;

/// <summary>The fixture's ids by name (<c>user</c>, <c>pe</c>, <c>otherUser</c>, …), as requests are filled in.</summary>
public sealed class FuzzPool
{
    private static readonly string[] _accountA =
        ["account", "user", "root", "group", "pe", "key", "spareKey", "role", "policy", "tokenUser", "resetUser", "message"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string name]
    {
        get => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"The fixture has no {name}.");
        set => _values[name] = value;
    }

    /// <summary>Whether <paramref name="id"/> is one of account A's objects.</summary>
    public bool IsRealId(string id) => _accountA.Any(n => _values.TryGetValue(n, out var v) && v == id);

    public bool IsToken(string token) => (_values.GetValueOrDefault("token") == token || _values.GetValueOrDefault("resetToken") == token) && token.Length > 0;
}

/// <summary>Errors the server logs with their exception, kept to name the cause of a 500.</summary>
public sealed class CapturedErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public List<string> Drain()
    {
        var list = new List<string>();
        while (_errors.TryDequeue(out var e))
        {
            if (!list.Contains(e)) list.Add(e);
        }
        return list;
    }

    public void Dispose()
    {
    }

    public static string Describe(Exception e)
    {
        var text = new StringBuilder($"{e.GetType().FullName}: {FirstLine(e.Message)}");
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append($" <- {inner.GetType().FullName}: {FirstLine(inner.Message)}");
        }
        var frame = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Roster.", StringComparison.Ordinal));
        if (frame is not null)
        {
            text.Append($" ({frame[3..]})");
        }
        return text.ToString();
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel) && !category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            {
                errors.Enqueue(Describe(exception));
            }
        }
    }
}

/// <summary>
/// Account A with users, a group, a product environment with its keys, a custom role held by a user and a custom
/// policy; account B with the same kinds of objects, whose ids A's requests must not reach. Rate limits are off,
/// and the errors the server logs are captured.
/// </summary>
public sealed class FuzzFixture : RosterFixture
{
    public const string SpareKeyName = "fuzz-spare-key";

    public FuzzPool Pool { get; } = new();

    public CapturedErrors Errors { get; } = new();

    public TestAccount A { get; private set; } = null!;

    // Note: the sender is off, so the outbox changes only by requests (a retry), which the fingerprint then sees.
    protected override IEnumerable<KeyValuePair<string, string?>> Configuration =>
        [new("Roster:RateLimit:Limit", "2000000000"), new("Roster:Mail:Enabled", "false")];

    /// <summary>The pool name a path parameter's real value comes from (<paramref name="alternative"/>: the root user, a system role).</summary>
    public static string PoolFor(string parameter, bool alternative) => parameter switch
    {
        "account_id" => "account",
        "sub_account_id" => "pe",
        "api_key" => "key",
        "user_id" => alternative ? "root" : "user",
        "group_id" => "group",
        "role_id" => alternative ? "systemRole" : "role",
        "policy_id" => "policy",
        "cloud_name" => "cloud",
        "folder_id" => "folder",
        "message_id" => "message",
        _ => "free",
    };

    /// <summary>The pool name of the same kind of object in account B.</summary>
    public static string? OtherPool(string parameter) => parameter switch
    {
        "account_id" => "otherAccount",
        "sub_account_id" => "otherPe",
        "api_key" => "otherKey",
        "user_id" => "otherUser",
        "group_id" => "otherGroup",
        "role_id" => "otherRole",
        "policy_id" => "otherPolicy",
        "cloud_name" => "otherCloud",
        "message_id" => "otherMessage",
        _ => null,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.GetRequiredService<ILoggerFactory>().AddProvider(Errors);
        A = await CreateAccountAsync(seats: 1_000_000);
        var b = await CreateAccountAsync();
        Pool["account"] = A.Id;
        Pool["root"] = A.RootUserId;
        Pool["apiKey"] = A.ApiKey;
        Pool["apiSecret"] = A.ApiSecret;
        Pool["systemRole"] = SystemRoleIds.AccountReports;
        Pool["folder"] = "f1";
        Pool["free"] = "free1";
        Pool["spareKeyName"] = SpareKeyName;
        await RepairAsync();

        Pool["otherAccount"] = b.Id;
        Pool["otherApiKey"] = b.ApiKey;
        Pool["otherApiSecret"] = b.ApiSecret;
        Pool["otherUser"] = Id(await b.CreateUserAsync());
        Pool["otherGroup"] = Id(await b.CreateGroupAsync());
        var otherPe = await b.CreateProductEnvironmentWithKeyAsync();
        (Pool["otherPe"], Pool["otherCloud"], Pool["otherKey"], Pool["otherKeySecret"]) = (otherPe.Id, otherPe.CloudName, otherPe.ApiKey, otherPe.ApiSecret);
        Pool["otherRole"] = await b.CreateRoleAsync(RoleBody());
        Pool["otherPolicy"] = await CreatePolicyAsync(b);
        Pool["otherMessage"] = (await FailFirstMessageAsync(b.Id)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Marks the account's first outbox message failed, as a retry finds it, and returns its id.</summary>
    private Task<long> FailFirstMessageAsync(string accountId, long? id = null) => WithDbAsync(async db =>
    {
        var message = id ?? await db.OutboxMessages.Where(m => m.AccountId == accountId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        await db.OutboxMessages.Where(m => m.Id == message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, DateTimeOffset.UtcNow).SetProperty(m => m.SentAt, (DateTimeOffset?)null)
            .SetProperty(m => m.Attempts, 8).SetProperty(m => m.LastError, "The mail server answered 451: made up by the fuzzer"));
        return message;
    });

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static object RoleBody() => new
    {
        name = "Fuzz role " + Unique.Name(), permission_type = "global", scope_type = "account",
        system_policy_ids = new[] { "cld::policy::global::users_and_groups::manage" },
    };

    private static async Task<string> CreatePolicyAsync(TestAccount account)
    {
        var response = await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", new
        {
            name = "Fuzz policy " + Unique.Name(), scope_type = "prodenv", scope_id = "all", policy_statement = FuzzBase.ValidStatement,
        });
        Assert.True(response.Code == 201, response.ToString());
        return response.Json.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Puts back what accepted requests took away (deleted users, groups, product environments, keys, roles and
    /// policies; disabled ones; used tokens), so that later requests still reach real objects.
    /// </summary>
    public async Task RepairAsync()
    {
        var state = await WithDbAsync(ReadPoolStateAsync);
        // A rotation of the account management key leaves only its new secret working: the old one is put back, since
        // every later request authenticates with it.
        if (!Secrets.VerifySecret(A.ApiSecret, await WithDbAsync(db => db.Accounts.Where(a => a.Id == A.Id).Select(a => a.ApiSecretHash).SingleAsync())))
        {
            await WithDbAsync(db => db.Accounts.Where(a => a.Id == A.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ApiSecretHash, Secrets.HashSecret(A.ApiSecret))));
        }
        if (!state.UserLive)
        {
            Pool["user"] = Id(await A.CreateUserAsync());
        }
        if (!state.GroupExists)
        {
            Pool["group"] = Id(await A.CreateGroupAsync());
        }
        if (!state.Member || !state.UserLive || !state.GroupExists)
        {
            Ok(await A.Client.PostJsonAsync($"{A.V1}/user_groups/{Pool["group"]}/users/{Pool["user"]}"));
        }
        var keyChanged = false;
        if (state.Cloud is null)
        {
            var pe = await A.CreateProductEnvironmentWithKeyAsync();
            (Pool["pe"], Pool["cloud"], Pool["key"], Pool["keySecret"]) = (pe.Id, pe.CloudName, pe.ApiKey, pe.ApiSecret);
            keyChanged = true;
        }
        else
        {
            Pool["cloud"] = state.Cloud;
            if (!state.PeEnabled)
            {
                Ok(await A.Client.PutJsonAsync($"{A.V1}/sub_accounts/{Pool["pe"]}", new { enabled = true }));
            }
            if (!state.KeyExists)
            {
                var key = Ok(await A.Client.PostJsonAsync($"{A.V1}/sub_accounts/{Pool["pe"]}/access_keys", new { name = "fuzz key " + Unique.Name() }));
                (Pool["key"], Pool["keySecret"]) = (key.GetProperty("api_key").GetString()!, key.GetProperty("api_secret").GetString()!);
                keyChanged = true;
            }
            else if (!state.KeyEnabled)
            {
                Ok(await A.Client.PutJsonAsync($"{A.V1}/sub_accounts/{Pool["pe"]}/access_keys/{Pool["key"]}", new { enabled = true }));
            }
        }
        if (keyChanged)
        {
            // The key may grant folder roles in its product environment.
            var grant = await A.Client.PutJsonAsync($"{A.V2()}/principal_roles", new
            {
                operation = "add", principal = new { type = "apiKey", id = Pool["key"] },
                roles = new[] { new { id = SystemRoleIds.ProdenvMasterAdmin, scope_id = Pool["pe"] } },
            });
            Assert.True(grant.Code == 200, grant.ToString());
        }
        if (!state.SpareExists || keyChanged)
        {
            var spare = await A.Client.PostJsonAsync($"{A.V1}/sub_accounts/{Pool["pe"]}/access_keys", new { name = SpareKeyName });
            Pool["spareKey"] = spare.Code == 200 ? spare.Json.GetProperty("api_key").GetString()!
                : await WithDbAsync(db => db.AccessKeys.Where(k => k.ProductEnvironmentId == Pool["pe"] && k.Name == SpareKeyName).Select(k => k.ApiKey).SingleAsync());
        }
        if (!state.RoleExists)
        {
            Pool["role"] = await A.CreateRoleAsync(RoleBody());
        }
        if (!state.RoleHeld || !state.RoleExists || !state.UserLive)
        {
            var held = await A.AssignAsync(Pool["role"], "add", new { principal_type = "user", principal_id = Pool["user"] });
            Assert.True(held.Code == 200, held.ToString());
        }
        if (!state.PolicyExists)
        {
            Pool["policy"] = await CreatePolicyAsync(A);
        }
        if (!state.MessageFailed)
        {
            Pool["message"] = (await FailFirstMessageAsync(A.Id, TryPool("message") is { } known ? long.Parse(known, CultureInfo.InvariantCulture) : null))
                .ToString(CultureInfo.InvariantCulture);
        }
        if (!state.TokenLive)
        {
            var invited = Id(await A.CreateUserAsync());
            Pool["tokenUser"] = invited;
            Pool["token"] = await this.OutboxTokenAsync(invited);
        }
        if (!state.ResetLive)
        {
            if (!state.ResetUserActive)
            {
                var resetUser = Id(await A.CreateUserAsync());
                Pool["resetUser"] = resetUser;
                Ok(await this.AcceptInvitationAsync(resetUser));
            }
            Ok(await A.Client.PostJsonAsync($"{A.Api}/users/{Pool["resetUser"]}/password_reset"));
            Pool["resetToken"] = await this.OutboxTokenAsync(Pool["resetUser"], TokenPurpose.PasswordReset.Wire());
        }
    }

    /// <summary>Whether account A has a custom role of this id (a request may have made one).</summary>
    public Task<bool> RoleExistsAsync(string id) => WithDbAsync(db => db.Roles.AnyAsync(r => r.AccountId == A.Id && r.Id == id));

    private sealed record PoolState(
        bool UserLive, bool GroupExists, bool Member, string? Cloud, bool PeEnabled, bool KeyExists, bool KeyEnabled, bool SpareExists,
        bool RoleExists, bool RoleHeld, bool PolicyExists, bool TokenLive, bool ResetLive, bool ResetUserActive, bool MessageFailed);

    private const string PoolStateSql = """
        SELECT
          EXISTS(SELECT 1 FROM "Users" WHERE "Id" = @user AND "Status" <> 'inactive'),
          EXISTS(SELECT 1 FROM "UserGroups" WHERE "Id" = @group),
          EXISTS(SELECT 1 FROM "GroupMemberships" WHERE "GroupId" = @group AND "UserId" = @user),
          (SELECT "CloudName" FROM "ProductEnvironments" WHERE "Id" = @pe),
          EXISTS(SELECT 1 FROM "ProductEnvironments" WHERE "Id" = @pe AND "Enabled"),
          EXISTS(SELECT 1 FROM "AccessKeys" WHERE "ApiKey" = @key AND "ProductEnvironmentId" = @pe),
          EXISTS(SELECT 1 FROM "AccessKeys" WHERE "ApiKey" = @key AND "ProductEnvironmentId" = @pe AND "Enabled"),
          EXISTS(SELECT 1 FROM "AccessKeys" WHERE "ApiKey" = @spare AND "ProductEnvironmentId" = @pe AND "Name" = @spareName),
          EXISTS(SELECT 1 FROM "Roles" WHERE "AccountId" = @account AND "Id" = @role),
          EXISTS(SELECT 1 FROM "RoleAssignments" WHERE "AccountId" = @account AND "RoleId" = @role AND "PrincipalId" = @user),
          EXISTS(SELECT 1 FROM "CustomPolicies" WHERE "AccountId" = @account AND "Id" = @policy),
          EXISTS(SELECT 1 FROM "UserTokens" t JOIN "Users" u ON u."Id" = t."UserId"
                 WHERE t."UserId" = @tokenUser AND t."TokenHash" = @tokenHash AND t."UsedAt" IS NULL AND u."Status" = 'pending'),
          EXISTS(SELECT 1 FROM "UserTokens" t JOIN "Users" u ON u."Id" = t."UserId"
                 WHERE t."UserId" = @resetUser AND t."TokenHash" = @resetHash AND t."UsedAt" IS NULL AND u."Status" = 'active'),
          EXISTS(SELECT 1 FROM "Users" WHERE "Id" = @resetUser AND "Status" = 'active'),
          EXISTS(SELECT 1 FROM "OutboxMessages" WHERE "Id" = @message AND "AccountId" = @account AND "FailedAt" IS NOT NULL AND "SentAt" IS NULL)
        """;

    /// <summary>What is left of the pool's objects, in one round trip (tokens live days; a run takes minutes).</summary>
    private async Task<PoolState> ReadPoolStateAsync(RosterDb db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = PoolStateSql;
        void Parameter(string name, string? value)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? "";
            command.Parameters.Add(p);
        }
        foreach (var name in new[] { "user", "group", "pe", "key", "role", "policy", "tokenUser", "resetUser", "account" })
        {
            Parameter(name, TryPool(name));
        }
        Parameter("spare", TryPool("spareKey"));
        Parameter("spareName", SpareKeyName);
        Parameter("tokenHash", TryPool("token") is { } t ? Secrets.HashSecret(t) : "");
        Parameter("resetHash", TryPool("resetToken") is { } r ? Secrets.HashSecret(r) : "");
        var message = command.CreateParameter();
        message.ParameterName = "@message";
        message.Value = long.TryParse(TryPool("message"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0L;
        command.Parameters.Add(message);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        bool B(int i) => Convert.ToBoolean(reader.GetValue(i), CultureInfo.InvariantCulture);
        return new PoolState(B(0), B(1), B(2), reader.IsDBNull(3) ? null : reader.GetString(3), B(4), B(5), B(6), B(7), B(8), B(9), B(10), B(11), B(12), B(13), B(14));
    }

    private static JsonElement Ok(ApiResponse response) => response.Ok();

    private string? TryPool(string name)
    {
        try
        {
            return Pool[name];
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private const string FingerprintSqlText = """
        SELECT
          (SELECT COUNT(*) FROM "Accounts"), (SELECT SUM("PermissionsVersion") FROM "Accounts"), (SELECT SUM("LiveUsers" + "AdditionalUserSubscriptions") FROM "Accounts"),
          (SELECT COUNT("CancelledAt") FROM "Accounts"), (SELECT MAX("UpdatedAt") FROM "Accounts"),
          (SELECT SUM(LENGTH("Name") + LENGTH("ApiSecretHash") + LENGTH("PermissionSystem")) FROM "Accounts"),
          (SELECT COUNT(*) FROM "Users"), (SELECT MAX("UpdatedAt") FROM "Users"), (SELECT COUNT("DeletedAt") FROM "Users"),
          (SELECT SUM(LENGTH("Name") + LENGTH("Email") + LENGTH("Role") + LENGTH("Status") + LENGTH("SecurityStamp") + COALESCE(LENGTH("PasswordHash"), 0)
                      + COALESCE(LENGTH("FirstName"), 0) + COALESCE(LENGTH("LastName"), 0)) FROM "Users"),
          (SELECT SUM(CASE WHEN "Enabled" THEN 1 ELSE 0 END + CASE WHEN "AllProductEnvironments" THEN 2 ELSE 0 END) FROM "Users"),
          (SELECT COUNT(*) FROM "UserProductEnvironments"),
          (SELECT COUNT(*) FROM "UserTokens"), (SELECT COUNT("UsedAt") FROM "UserTokens"),
          (SELECT COUNT(*) FROM "ProductEnvironments"), (SELECT MAX("UpdatedAt") FROM "ProductEnvironments"),
          (SELECT SUM(LENGTH("Name") + LENGTH("CloudName") + LENGTH("CustomAttributes") + CASE WHEN "Enabled" THEN 1 ELSE 0 END) FROM "ProductEnvironments"),
          (SELECT COUNT(*) FROM "AccessKeys"), (SELECT MAX("UpdatedAt") FROM "AccessKeys"),
          (SELECT SUM(COALESCE(LENGTH("Name"), 0) + COALESCE(LENGTH("DedicatedFor"), 0) + CASE WHEN "Enabled" THEN 1 ELSE 0 END) FROM "AccessKeys"),
          (SELECT COUNT(*) FROM "UserGroups"), (SELECT MAX("UpdatedAt") FROM "UserGroups"), (SELECT SUM(LENGTH("Name")) FROM "UserGroups"),
          (SELECT COUNT(*) FROM "GroupMemberships"),
          (SELECT COUNT(*) FROM "Roles"), (SELECT MAX("UpdatedAt") FROM "Roles"), (SELECT SUM(LENGTH("Name") + COALESCE(LENGTH("Description"), 0)) FROM "Roles"),
          (SELECT COUNT(*) FROM "CustomPolicies"), (SELECT MAX("UpdatedAt") FROM "CustomPolicies"),
          (SELECT SUM(LENGTH("Name") + LENGTH("Statement") + COALESCE(LENGTH("Description"), 0) + CASE WHEN "Enabled" THEN 1 ELSE 0 END) FROM "CustomPolicies"),
          (SELECT COUNT(*) FROM "RoleAssignments"), (SELECT MAX("CreatedAt") FROM "RoleAssignments"),
          (SELECT COUNT(*) FROM "OutboxMessages"), (SELECT MAX("Id") FROM "OutboxMessages"),
          (SELECT COUNT("FailedAt") FROM "OutboxMessages"), (SELECT SUM("Attempts") FROM "OutboxMessages"),
          (SELECT COUNT(*) FROM "AuditEvents"), (SELECT MAX("Id") FROM "AuditEvents")
        """;

    private static readonly string[] _fingerprintNames =
    [
        "accounts", "accounts.permissions_version", "accounts.seats", "accounts.cancelled", "accounts.updated_at", "accounts.text",
        "users", "users.updated_at", "users.deleted", "users.text", "users.flags", "user_product_environments",
        "user_tokens", "user_tokens.used", "product_environments", "product_environments.updated_at", "product_environments.text",
        "access_keys", "access_keys.updated_at", "access_keys.text", "user_groups", "user_groups.updated_at", "user_groups.text",
        "group_memberships", "roles", "roles.updated_at", "roles.text", "custom_policies", "custom_policies.updated_at", "custom_policies.text",
        "role_assignments", "role_assignments.created_at", "outbox_messages", "outbox_messages.max_id",
        "outbox_messages.failed", "outbox_messages.attempts", "audit_events", "audit_events.max_id",
    ];

    /// <summary>A fingerprint reader on a connection of its own, open for the whole run.</summary>
    public async Task<DatabaseFingerprint> OpenFingerprintAsync()
    {
        var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return new DatabaseFingerprint(scope, connection, OnPostgres);
    }

    /// <summary>Row counts, largest ids, latest changes and text lengths of the main tables: what any write would move.</summary>
    public static async Task<string[]> FingerprintAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = new string[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }
        return values;
    }

    public static string FingerprintQuery => FingerprintSqlText;

    /// <summary>The parts of two fingerprints that differ, by name.</summary>
    public static string Difference(string[] before, string[] after) =>
        string.Join(", ", before.Select((b, i) => (b, a: after[i], name: i < _fingerprintNames.Length ? _fingerprintNames[i] : $"#{i}"))
            .Where(x => x.b != x.a).Select(x => $"{x.name} {x.b} -> {x.a}"));
}

/// <summary>
/// The database's fingerprint, taken cheaply: the full one (<see cref="FuzzFixture.FingerprintAsync"/>) only when the
/// database says something was committed since the last one (SQLite's data_version, which moves when another
/// connection commits; PostgreSQL's next transaction id, which moves when any transaction writes).
/// </summary>
public sealed class DatabaseFingerprint(AsyncServiceScope scope, DbConnection connection, bool postgres) : IAsyncDisposable
{
    private DbCommand? _full;
    private DbCommand? _counter;
    private string? _lastCounter;
    private string[] _last = [];

    public int FullReads { get; private set; }

    public async Task<string[]> ReadAsync()
    {
        _counter ??= Command(postgres ? "SELECT txid_snapshot_xmax(txid_current_snapshot())" : "PRAGMA data_version");
        var counter = Convert.ToString(await _counter.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (counter == _lastCounter)
        {
            return _last;
        }
        _full ??= Command(FuzzFixture.FingerprintQuery);
        _last = await FuzzFixture.FingerprintAsync(_full);
        // Note: the counter is the one read before the full read: a commit during that read moves it again.
        _lastCounter = counter;
        FullReads++;
        return _last;
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _full?.Dispose();
        _counter?.Dispose();
        await connection.CloseAsync();
        await scope.DisposeAsync();
    }
}
