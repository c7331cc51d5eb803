using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Evaluation;

public class EntityStoreTests
{
    private static EntityUid U(string id) => new("User", id);
    private static EntityUid G(string id) => new("Group", id);

    private static Entity E(EntityUid uid, params EntityUid[] parents) => new(uid, new Dictionary<string, Value>(), parents);

    [Fact]
    public void IsIn_TransitiveParent_True()
    {
        var store = new EntityStore([E(U("alice"), G("eng")), E(G("eng"), G("staff")), E(G("staff"))]);
        Assert.True(store.IsIn(U("alice"), G("staff")));
        Assert.True(store.IsIn(U("alice"), U("alice")));
        Assert.False(store.IsIn(G("staff"), U("alice")));
        Assert.Equal([G("eng"), G("staff")], store.AncestorsOf(U("alice")).OrderBy(u => u.Id));
    }

    [Fact]
    public void IsIn_ParentNotInStore_IsAncestorWithoutItsOwnParents()
    {
        var store = new EntityStore([E(U("alice"), G("ghost"))]);
        Assert.True(store.IsIn(U("alice"), G("ghost")));
        Assert.Empty(store.AncestorsOf(G("ghost")));
        Assert.False(store.IsIn(U("bob"), G("ghost")));
    }

    [Fact]
    public void Constructor_DeepChainOnSmallStack_ComputesAncestors()
    {
        // 3,000 levels on a 128 KiB stack: a recursive walk would overflow it.
        const int depth = 3_000;
        var entities = Enumerable.Range(0, depth).Select(i => i + 1 < depth ? E(G($"{i}"), G($"{i + 1}")) : E(G($"{i}"))).Reverse().ToList();
        EntityStore? store = null;
        var thread = new Thread(() => store = new EntityStore(entities), 128 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(store!.IsIn(G("0"), G($"{depth - 1}")));
        Assert.Equal(depth - 1, store.AncestorsOf(G("0")).Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Constructor_ParentCycle_NamesAnEntityOnIt(int length)
    {
        var entities = Enumerable.Range(0, length).Select(i => E(G($"{i}"), G($"{(i + 1) % length}"))).Append(E(U("alice"), G("0")));
        var e = Assert.Throws<CedarEntityException>(() => new EntityStore(entities));
        Assert.Matches("^input graph has a cycle containing vertex `Group::\"[0-2]\"`$", e.Message);
    }

    [Fact]
    public void Constructor_SameEntityTwice_Accepted_DifferentTwice_Refused()
    {
        Assert.Equal(1, new EntityStore([E(U("a"), G("g")), E(U("a"), G("g"))]).Count);
        var e = Assert.Throws<CedarEntityException>(() => new EntityStore([E(U("a"), G("g")), E(U("a"))]));
        Assert.Equal("duplicate entity entry `User::\"a\"`", e.Message);
    }
}

public class CedarJsonTests
{
    [Fact]
    public void FromJson_AllValueForms_ReadAsCedarValues()
    {
        var store = EntityStore.FromJson("""
            [{"uid": {"__entity": {"type": "User", "id": "alice"}},
              "attrs": {"n": -7, "s": "x", "b": true, "set": [1, 1, 2], "rec": {"k": "v"},
                        "boss": {"__entity": {"type": "User", "id": "bob"}},
                        "addr": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}},
                        "amount": {"__extn": {"fn": "decimal", "arg": "1.50"}},
                        "partial": {"__entity": {"type": "User"}}},
              "parents": [{"type": "Group", "id": "eng"}, {"__entity": {"type": "Group", "id": "ops"}}],
              "tags": {"color": "blue"}}]
            """);
        Assert.True(store.TryGet(new EntityUid("User", "alice"), out var alice));
        var a = alice.Attributes;
        Assert.Equal(new LongValue(-7), a["n"]);
        Assert.Equal(new StringValue("x"), a["s"]);
        Assert.Same(BoolValue.True, a["b"]);
        Assert.Equal(2, ((SetValue)a["set"]).Elements.Count);
        Assert.Equal(new StringValue("v"), ((RecordValue)a["rec"]).Attributes["k"]);
        Assert.Equal(new EntityValue(new EntityUid("User", "bob")), a["boss"]);
        Assert.Equal(IpAddrValue.TryParse("10.0.0.1", out _), a["addr"]);
        Assert.Equal(15_000, ((DecimalValue)a["amount"]).Units);
        // An __entity object without an id is an ordinary record, as in Cedar.
        Assert.IsType<RecordValue>(a["partial"]);
        Assert.True(store.IsIn(new EntityUid("User", "alice"), new EntityUid("Group", "ops")));
        Assert.Equal(new StringValue("blue"), alice.Tags!["color"]);
    }

    [Theory]
    [InlineData("""{"a": 1}""", "entities must be a JSON array, not an object")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "parents": []}]""", "`User::\"a\"`: missing field `attrs`")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {}}]""", "`User::\"a\"`: missing field `parents`")]
    [InlineData("""[{"attrs": {}, "parents": []}]""", "entity #0: missing field `uid`")]
    [InlineData("""[{"uid": {"type": "User"}, "attrs": {}, "parents": []}]""", "in the uid of entity #0, expected an entity reference {\"type\": …, \"id\": …}, found an object")]
    [InlineData("""[{"uid": {"type": " User", "id": "a"}, "attrs": {}, "parents": []}]""", "in the uid of entity #0, ` User` is not a valid entity type name")]
    [InlineData("""[{"uid": {"type": "if", "id": "a"}, "attrs": {}, "parents": []}]""", "in the uid of entity #0, `if` is not a valid entity type name")]
    [InlineData("""[{"uid": {"type": "A::", "id": "a"}, "attrs": {}, "parents": []}]""", "in the uid of entity #0, `A::` is not a valid entity type name")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": 1.5}, "parents": []}]""", "in attribute `x` on `User::\"a\"`, `1.5` is not an integer in the range of a 64-bit signed integer")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": 9223372036854775808}, "parents": []}]""", "in attribute `x` on `User::\"a\"`, `9223372036854775808` is not an integer in the range of a 64-bit signed integer")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": null}, "parents": []}]""", "in attribute `x` on `User::\"a\"`, found a `null`; JSON `null`s are not allowed in Cedar")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": 1, "x": 2}, "parents": []}]""", "`User::\"a\"`: duplicate attribute `x`")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "ip", "arg": "1.2.3"}}}, "parents": []}]""", "failed to evaluate attribute `x` on `User::\"a\"`: error while evaluating `ipaddr` extension function: invalid IP address: 1.2.3")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "foo", "arg": "1"}}}, "parents": []}]""", "failed to evaluate attribute `x` on `User::\"a\"`: extension function `foo` does not exist")]
    [InlineData("""[{"uid": {"type": "User", "id": "a"}, "attrs": {}, "parents": [{"type": "User", "id": "a"}]}]""", "input graph has a cycle containing vertex `User::\"a\"`")]
    [InlineData("""[{"uid": """, "entities: malformed JSON at line 1, byte 10")]
    public void FromJson_Malformed_ClearMessage(string json, string message)
    {
        var e = Assert.Throws<CedarEntityException>(() => EntityStore.FromJson(json));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ParseContext_Object_IsRecord_OtherwiseRefused()
    {
        var context = CedarJson.ParseContext("""{"ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}, "n": 3}""");
        Assert.Equal(2, context.Attributes.Count);
        Assert.Same(RecordValue.Empty, CedarJson.ParseContext(""));
        var e = Assert.Throws<CedarEntityException>(() => CedarJson.ParseContext("[1]"));
        Assert.Equal("context must be a JSON object, not an array", e.Message);
    }
}
