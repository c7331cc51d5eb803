using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Generates random but reproducible Cedar cases (policies, entities, requests) from a seed, for comparing
/// Roster's engine with the reference. The entities are users in transitive groups, folders nested several
/// deep and assets in folders, with attributes of every value type and tags; the policies use every construct
/// of the language, biased toward conditions that are often true so that decisions are mixed.
/// </summary>
/// <remarks>
/// Longs in entities and contexts stay within ±2^52: the reference reads them through JavaScript numbers,
/// which are exact only up to 2^53. Values near ±2^63 appear as policy literals instead.
/// </remarks>
public sealed partial class CedarCaseGenerator(int seed)
{
    public const string UserType = "User";
    public const string GroupType = "Group";
    public const string FolderType = "Media::Folder";
    public const string AssetType = "Media::Asset";
    public const string ActionType = "Action";

    // A group that users name as parent but that no entity describes.
    private const string DepartedGroup = "departed";

    private static readonly string[] _userIds = ["alice", "bob", "carol", "dave", "eve", "frank", "o\"neil", "zoë", "back\\slash"];
    private static readonly string[] _groupIds = ["everyone", "staff", "editors", "admins", "contractors", "auditors"];
    private static readonly string[] _leafActions = ["view", "edit", "delete", "share"];
    private static readonly (string Action, string Parent)[] _actionParents =
        [("view", "read"), ("share", "read"), ("edit", "write"), ("delete", "write"), ("read", "manage"), ("write", "manage")];

    private readonly Random _random = new(seed);
    private World _world = World.Empty;
    private int _number;

    /// <summary>Cases until they hold at least <paramref name="requestCount"/> requests in all.</summary>
    public IReadOnlyList<CedarCase> Generate(int requestCount)
    {
        var cases = new List<CedarCase>();
        for (var total = 0; total < requestCount; total += cases[^1].Requests.Count) cases.Add(Next());
        return cases;
    }

    /// <summary>The next case: 2–8 policies, a fresh entity hierarchy, 5–10 requests.</summary>
    public CedarCase Next()
    {
        _world = NewWorld();
        var policies = new StringBuilder();
        var count = _random.Next(2, 9);
        var doubtful = Chance(0.04) ? _random.Next(count) : -1;
        for (var i = 0; i < count; i++) policies.Append(i == doubtful ? Pick(DoubtfulPolicies) : Policy()).Append('\n');
        return Case(policies.ToString(), doubtful >= 0);
    }

    /// <summary>A case of the given policies, with a fresh entity hierarchy and 5–10 requests.</summary>
    public CedarCase Next(string policies, bool mayNotParse)
    {
        _world = NewWorld();
        return Case(policies, mayNotParse);
    }

    private CedarCase Case(string policies, bool mayNotParse)
    {
        var requests = Enumerable.Range(0, _random.Next(5, 11)).Select(_ => Request()).ToList();
        return new CedarCase(_number++, policies, Entities().ToJsonString(), requests, mayNotParse);
    }

    private sealed record World(string[] Users, string[] Groups, string[] Folders, string[] Assets)
    {
        public static readonly World Empty = new([], [], [], []);
    }

    private World NewWorld() => new(
        Sample(_userIds, _random.Next(3, 7)),
        Sample(_groupIds, _random.Next(2, 6)),
        Enumerable.Range(0, _random.Next(3, 8)).Select(i => $"f{i}").ToArray(),
        Enumerable.Range(0, _random.Next(2, 6)).Select(i => i == 1 ? "a 1.jpg" : $"a{i}").ToArray());

    private JsonArray Entities()
    {
        var w = _world;
        var entities = new JsonArray();
        foreach (var id in w.Users)
        {
            // Sometimes a parent that is not an entity of the store: `in` still follows that one edge.
            var groups = Sample(w.Groups, _random.Next(0, 3)).Concat(Chance(0.1) ? [DepartedGroup] : []);
            entities.Add(Entity(UserType, id, UserAttributes(), groups.Select(g => (GroupType, g)), UserTags()));
        }
        for (var i = 0; i < w.Groups.Length; i++)
        {
            // Parents only among later groups: transitive chains, never a cycle.
            var later = w.Groups[(i + 1)..];
            var attrs = new JsonObject { ["name"] = w.Groups[i], ["size"] = _random.Next(1, 50), ["admins"] = EntitySet(UserType, w.Users, 2) };
            entities.Add(Entity(GroupType, w.Groups[i], attrs, Sample(later, _random.Next(0, Math.Min(2, later.Length) + 1)).Select(g => (GroupType, g)), null));
        }
        for (var i = 0; i < w.Folders.Length; i++)
        {
            // Each folder under one of the two before it: deep chains, sometimes a second parent.
            var parents = i == 0 ? [] : new[] { w.Folders[_random.Next(Math.Max(0, i - 2), i)] }.Concat(Chance(0.15) ? [w.Folders[_random.Next(i)]] : []).Distinct();
            entities.Add(Entity(FolderType, w.Folders[i], FolderAttributes(i), parents.Select(f => (FolderType, f)), ResourceTags()));
        }
        foreach (var id in w.Assets)
        {
            var parents = Chance(0.9) ? Sample(w.Folders, Chance(0.15) ? 2 : 1) : [];
            entities.Add(Entity(AssetType, id, AssetAttributes(), parents.Select(f => (FolderType, f)), ResourceTags()));
        }
        foreach (var action in _leafActions.Concat(["read", "write", "manage"]))
        {
            var attrs = Chance(0.5) ? new JsonObject { ["risk"] = _random.Next(0, 4) } : [];
            entities.Add(Entity(ActionType, action, attrs, _actionParents.Where(p => p.Action == action).Select(p => (ActionType, p.Parent)), null));
        }
        return entities;
    }

    private JsonObject UserAttributes()
    {
        var attrs = new JsonObject
        {
            ["name"] = Pick(_names),
            ["level"] = _random.Next(0, 6),
            ["active"] = Chance(0.75),
            ["roles"] = StringSet(_roles, 3),
            ["profile"] = Profile(),
            ["quota"] = Extension("decimal", Pick(_validDecimals)),
            ["teams"] = EntitySet(GroupType, _world.Groups, 2),
        };
        Maybe(attrs, "manager", 0.6, () => EntityReference(UserType, Chance(0.85) ? Pick(_world.Users) : "ghost"));
        Maybe(attrs, "home", 0.8, () => Extension("ip", Pick(_validIps)));
        Maybe(attrs, "big", 0.7, () => Pick(_bigLongs));
        return attrs;
    }

    private JsonObject Profile()
    {
        var profile = new JsonObject { ["dept"] = Pick(_depts), ["age"] = _random.Next(18, 70) };
        Maybe(profile, "address", 0.7, () => new JsonObject { ["city"] = Pick(_cities) });
        return profile;
    }

    private JsonObject FolderAttributes(int depth)
    {
        var attrs = new JsonObject { ["name"] = Pick(_names), ["depth"] = depth, ["public"] = Chance(0.5), ["labels"] = StringSet(_labels, 3) };
        Maybe(attrs, "owner", 0.85, () => EntityReference(UserType, Pick(_world.Users)));
        return attrs;
    }

    private JsonObject AssetAttributes()
    {
        var attrs = new JsonObject
        {
            ["name"] = Pick(_names),
            ["format"] = Pick(_formats),
            ["size"] = Pick(_sizes),
            ["public"] = Chance(0.5),
            ["meta"] = new JsonObject { ["width"] = Pick(_sizes), ["height"] = Pick(_sizes), ["tags"] = StringSet(_labels, 3) },
        };
        Maybe(attrs, "owner", 0.9, () => EntityReference(UserType, Chance(0.85) ? Pick(_world.Users) : "ghost"));
        Maybe(attrs, "price", 0.8, () => Extension("decimal", Pick(_validDecimals)));
        Maybe(attrs, "origin", 0.8, () => Extension("ip", Pick(_validIps)));
        Maybe(attrs, "display name", 0.6, () => Pick(_names));
        // Without the __entity escape this is a record with two strings, not an entity.
        Maybe(attrs, "ref", 0.3, () => UidJson(UserType, Pick(_world.Users)));
        return attrs;
    }

    private JsonObject? UserTags() => Chance(0.6) ? Tags() : null;
    private JsonObject? ResourceTags() => Chance(0.8) ? Tags() : null;

    private JsonObject Tags()
    {
        var tags = new JsonObject();
        Maybe(tags, "env", 0.8, () => Pick(_envs));
        Maybe(tags, "tier", 0.7, () => _random.Next(0, 4));
        Maybe(tags, "labels", 0.3, () => StringSet(_labels, 2));
        return tags;
    }

    private CedarCaseRequest Request()
    {
        var w = _world;
        var principal = Roll() switch
        {
            < 0.80 => new EntityUid(UserType, Pick(w.Users)),
            < 0.87 => new EntityUid(GroupType, Pick(w.Groups)),
            < 0.95 => new EntityUid(UserType, "ghost"),
            _ => new EntityUid(AssetType, Pick(w.Assets)),
        };
        var action = Roll() switch
        {
            < 0.92 => new EntityUid(ActionType, Pick(_leafActions)),
            < 0.96 => new EntityUid(ActionType, "read"),
            _ => new EntityUid(ActionType, "fly"),
        };
        var resource = Roll() switch
        {
            < 0.70 => new EntityUid(AssetType, Pick(w.Assets)),
            < 0.85 => new EntityUid(FolderType, Pick(w.Folders)),
            < 0.93 => new EntityUid(AssetType, "ghost"),
            _ => new EntityUid(UserType, Pick(w.Users)),
        };
        return new CedarCaseRequest(principal, action, resource, Context().ToJsonString());
    }

    private JsonObject Context()
    {
        var context = new JsonObject
        {
            ["hour"] = _random.Next(0, 24),
            ["level"] = _random.Next(0, 6),
            ["tokens"] = StringSet(_roles, 3),
            ["req"] = new JsonObject { ["source"] = Pick(_sources), ["n"] = _random.Next(0, 10) },
            ["ipText"] = Chance(0.7) ? Pick(_validIps) : Pick(_invalidIps),
            ["decText"] = Chance(0.7) ? Pick(_validDecimals) : Pick(_invalidDecimals),
        };
        Maybe(context, "mfa", 0.85, () => Chance(0.7));
        Maybe(context, "ip", 0.85, () => Extension("ip", Pick(_validIps)));
        Maybe(context, "amount", 0.8, () => Extension("decimal", Pick(_validDecimals)));
        Maybe(context, "target", 0.8, () => EntityReference(UserType, Chance(0.8) ? Pick(_world.Users) : "ghost"));
        Maybe(context, "big", 0.5, () => Pick(_bigLongs));
        Maybe(context, "now", 0.8, () => Extension("datetime", Pick(_validDatetimes)));
        Maybe(context, "window", 0.7, () => Extension("duration", Pick(_validDurations)));
        return context;
    }

    private static JsonObject Entity(string type, string id, JsonObject attrs, IEnumerable<(string Type, string Id)> parents, JsonObject? tags)
    {
        var entity = new JsonObject
        {
            ["uid"] = UidJson(type, id),
            ["attrs"] = attrs,
            ["parents"] = new JsonArray(parents.Select(p => (JsonNode)UidJson(p.Type, p.Id)).ToArray()),
        };
        if (tags is not null) entity["tags"] = tags;
        return entity;
    }

    private static JsonObject UidJson(string type, string id) => new() { ["type"] = type, ["id"] = id };
    private static JsonObject EntityReference(string type, string id) => new() { ["__entity"] = UidJson(type, id) };
    private static JsonObject Extension(string function, string argument) => new() { ["__extn"] = new JsonObject { ["fn"] = function, ["arg"] = argument } };

    private JsonArray StringSet(string[] pool, int max) => new(Sample(pool, _random.Next(0, max + 1)).Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
    private JsonArray EntitySet(string type, string[] ids, int max) => new(Sample(ids, _random.Next(0, max + 1)).Select(id => (JsonNode)EntityReference(type, id)).ToArray());

    private void Maybe(JsonObject target, string key, double probability, Func<JsonNode> value)
    {
        if (Chance(probability)) target[key] = value();
    }

    private double Roll() => _random.NextDouble();
    private bool Chance(double probability) => _random.NextDouble() < probability;
    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    private T[] Sample<T>(IReadOnlyList<T> items, int count) => items.OrderBy(_ => _random.Next()).Take(Math.Min(count, items.Count)).ToArray();
    private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);
}
