using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

public class CedarSchemaErrorTests
{
    // JSON with ' for " so that the rows stay on one line.
    private static string J(string text) => text.Replace('\'', '"');

    /// <summary>A schema of the empty namespace with the given entity types (and actions).</summary>
    private static string Types(string entityTypes, string actions = "{}") => J($"{{'': {{'entityTypes': {entityTypes}, 'actions': {actions}}}}}");

    private static string Shape(string attributes) => $"{{'User': {{'shape': {{'type': 'Record', 'attributes': {attributes}}}}}}}";

    public static TheoryData<string, string, string> Rows => new()
    {
        // document shape
        { "{\"\": {", "$", "malformed JSON at line 1" },
        { "{\"\": {}} trailing", "$", "malformed JSON" },
        { "[]", "$", "expected a schema (a JSON object), found an array" },
        { J("{'': {'actions': {}}}"), "$[\"\"]", "missing field `entityTypes`" },
        { J("{'': {'entityTypes': {}}}"), "$[\"\"]", "missing field `actions`" },
        { J("{'': {'entityTypes': {}, 'actions': {}, 'extra': 1}}"), "$[\"\"].extra", "unknown field `extra`" },
        { J("{'My Ns': {'entityTypes': {}, 'actions': {}}}"), "$[\"My Ns\"]", "invalid namespace name `My Ns`" },
        { J("{'A::__cedar': {'entityTypes': {}, 'actions': {}}}"), "$[\"A::__cedar\"]", "invalid namespace name" },
        // a lone surrogate in the text itself is read as U+FFFD
        { "{\"\ud800\": {}}", "$[\"\\uFFFD\"]", "invalid namespace name" },
        { "{\"\\ud800\": {\"entityTypes\": {}, \"actions\": {}}}", "$", "invalid string: it holds an unpaired UTF-16 surrogate in a key" },
        { J("{'': {'entityTypes': {}, 'actions': {'\\udc00': {}}}}"), "$[\"\"].actions", "unpaired UTF-16 surrogate in a key" },
        { J("{'': {'entityTypes': {'Color': {'enum': ['\\ud800']}}, 'actions': {}}}"), "$[\"\"].entityTypes.Color.enum[0]", "invalid string: it holds an unpaired UTF-16 surrogate" },
        // entity types
        { J("{'': {'entityTypes': {'User': {}, 'User': {}}, 'actions': {}}}"), "$[\"\"].entityTypes.User", "duplicate key `User`" },
        { Types("{'User Name': {}}"), "$[\"\"].entityTypes[\"User Name\"]", "invalid entity type name `User Name`" },
        { Types("{'if': {}}"), "$[\"\"].entityTypes.if", "invalid entity type name `if`" },
        { Types("{'User': {'memberOf': ['Group']}}"), "$[\"\"].entityTypes.User.memberOf", "unknown field `memberOf`, expected one of `memberOfTypes`" },
        { Types("{'User': {'memberOfTypes': ['Group']}}"), "$[\"\"].entityTypes.User.memberOfTypes[0]", "undeclared entity type `Group` in memberOfTypes" },
        { Types("{'User': {'memberOfTypes': 'Group'}}"), "$[\"\"].entityTypes.User.memberOfTypes", "expected an array, found the string \"Group\"" },
        { Types("{'User': {'shape': {'type': 'String'}}}"), "$[\"\"].entityTypes.User.shape", "the shape of an entity type must be a record type, not String" },
        { Types("{'User': {'shape': {'type': 'Record'}}}"), "$[\"\"].entityTypes.User.shape", "missing field `attributes` for a type `Record`" },
        { Types("{'Color': {'enum': ['Red'], 'shape': {'type': 'Record', 'attributes': {}}}}"), "$[\"\"].entityTypes.Color.shape", "unexpected field `shape`" },
        { Types("{'Color': {'enum': []}}"), "$[\"\"].entityTypes.Color.enum", "needs at least one entity id" },
        // attribute types
        { Types(Shape("{'name': {'type': 'Strng'}}")), "$[\"\"].entityTypes.User.shape.attributes.name", "undeclared common type `Strng` (did you mean `String`?)" },
        { Types(Shape("{'boss': {'type': 'Entity', 'name': 'Usr'}}")), "$[\"\"].entityTypes.User.shape.attributes.boss", "undeclared entity type `Usr` in an Entity type (did you mean `User`?)" },
        { Types(Shape("{'boss': {'type': 'User'}}")), "$[\"\"].entityTypes.User.shape.attributes.boss", "`User` is an entity type: write {\"type\": \"Entity\", \"name\": \"User\"}" },
        { Types(Shape("{'boss': {'type': 'EntityOrCommon', 'name': 'Person'}}")), "$[\"\"].entityTypes.User.shape.attributes.boss", "undeclared type `Person`: neither a common type nor an entity type" },
        { Types(Shape("{'when': {'type': 'Extension', 'name': 'datetime'}}")), "$[\"\"].entityTypes.User.shape.attributes.when.name", "unknown extension type `datetime`" },
        { Types(Shape("{'names': {'type': 'Set'}}")), "$[\"\"].entityTypes.User.shape.attributes.names", "missing field `element` for a type `Set`" },
        { Types(Shape("{'age': {'type': 'Long', 'element': {'type': 'Long'}}}")), "$[\"\"].entityTypes.User.shape.attributes.age.element", "unexpected field `element` for a type `Long`" },
        { Types(Shape("{'age': {'type': 'Long', 'required': 'no'}}")), "$[\"\"].entityTypes.User.shape.attributes.age.required", "expected a boolean, found the string \"no\"" },
        { Types(Shape("{'age': {'type': 7}}")), "$[\"\"].entityTypes.User.shape.attributes.age.type", "expected a string, found the number 7" },
        { Types(Shape("{'age': {'required': false}}")), "$[\"\"].entityTypes.User.shape.attributes.age", "missing field `type`" },
        { Types(Shape("{'age': {'type': 'Long'}, 'age': {'type': 'String'}}")), "$[\"\"].entityTypes.User.shape.attributes.age", "duplicate key `age`" },
        // common types
        { J("{'': {'commonTypes': {'A': {'type': 'B'}, 'B': {'type': 'A'}}, 'entityTypes': {}, 'actions': {}}}"), "$[\"\"].commonTypes.B", "common types refer to each other in a cycle: A -> B -> A" },
        { J("{'': {'commonTypes': {'Long': {'type': 'String'}}, 'entityTypes': {}, 'actions': {}}}"), "$[\"\"].commonTypes.Long", "`Long` cannot name a common type" },
        // actions
        { Types("{'User': {}}", "{'view': {'memberOf': [{'id': 'readAll'}]}}"), "$[\"\"].actions.view.memberOf[0]", "undeclared action Action::\"readAll\" in memberOf" },
        { Types("{'User': {}}", "{'view': {'memberOf': [{'type': 'Action'}]}}"), "$[\"\"].actions.view.memberOf[0]", "missing field `id`" },
        { Types("{'User': {}}", "{'a': {'memberOf': [{'id': 'b'}]}, 'b': {'memberOf': [{'id': 'a'}]}}"), "$[\"\"].actions.a", "action Action::\"a\" is a member of itself" },
        { Types("{'User': {}}", "{'view': {'appliesTo': {'principalTypes': ['Admin'], 'resourceTypes': ['User']}}}"), "$[\"\"].actions.view.appliesTo.principalTypes[0]", "undeclared entity type `Admin` in principalTypes" },
        { Types("{'User': {}}", "{'view': {'appliesTo': {'principalTypes': ['User']}}}"), "$[\"\"].actions.view.appliesTo", "missing field `resourceTypes`" },
        { Types("{'User': {}}", "{'view': {'appliesTo': {'principalTypes': ['User'], 'resourceTypes': ['User'], 'context': {'type': 'Long'}}}}"), "$[\"\"].actions.view.appliesTo.context", "the context of an action must be a record type, not Long" },
        { Types("{'User': {}}", "{'view': {'attributes': {}}}"), "$[\"\"].actions.view.attributes", "actions cannot have attributes" },
        // namespaces
        { J("{'': {'entityTypes': {'User': {}}, 'actions': {}}, 'App': {'entityTypes': {'User': {}}, 'actions': {}}}"), "$.App.entityTypes.User", "shadows the entity type `User` of the empty namespace" },
        { J("{'App': {'entityTypes': {'User': {'memberOfTypes': ['Other::Group']}}, 'actions': {}}}"), "$.App.entityTypes.User.memberOfTypes[0]", "undeclared entity type `Other::Group`" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FromJson_BadSchema_ThrowsWithThePathAndTheProblem(string json, string path, string fragment)
    {
        var e = Assert.Throws<CedarSchemaException>(() => CedarSchema.FromJson(json));

        Assert.Contains(e.Errors, error => error.Path == path && error.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_SeveralProblems_ReportsEachOne()
    {
        var json = Types("{'User': {'memberOfTypes': ['Group', 'Team']}}");

        var e = Assert.Throws<CedarSchemaException>(() => CedarSchema.FromJson(json));

        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("memberOfTypes[1]: undeclared entity type `Team`", e.Message, StringComparison.Ordinal);
    }
}
