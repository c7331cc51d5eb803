using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

public class SchemaTextWriterTests
{
    // JSON with ' for " so that the rows stay on one line.
    private static string J(string text) => text.Replace('\'', '"');

    private static string Root(string entityTypes, string actions = "{}", string commonTypes = "{}") =>
        J($"{{'': {{'commonTypes': {commonTypes}, 'entityTypes': {entityTypes}, 'actions': {actions}}}}}");

    public static TheoryData<string, string> Rows => new()
    {
        { "{}", "" },
        { Root("{'A': {}}"), "entity A;\n" },
        { Root("{'A': {'memberOfTypes': ['B']}, 'B': {'enum': ['x', 'y\\\"z']}}"), "entity A in [B];\n\nentity B enum [\"x\", \"y\\\"z\"];\n" },
        { Root("{'A': {'shape': {'type': 'Record', 'attributes': {'a': {'type': 'Long'}, 'if': {'type': 'Boolean', 'required': false}}}, 'tags': {'type': 'Set', 'element': {'type': 'Extension', 'name': 'ipaddr'}}}}"),
            "entity A = {\n  a: Long,\n  \"if\"?: Bool\n} tags Set<ipaddr>;\n" },
        { Root("{'A': {'shape': {'type': 'Record', 'attributes': {}}}}"), "entity A;\n" },
        { Root("{'Long': {}, 'A': {'shape': {'type': 'Record', 'attributes': {'n': {'type': 'Long'}, 'e': {'type': 'Entity', 'name': 'Long'}}}}}"),
            "entity Long;\n\nentity A = {\n  n: __cedar::Long,\n  e: Long\n};\n" },
        { Root("{}", commonTypes: "{'T': {'type': 'Record', 'attributes': {'r': {'type': 'Record', 'attributes': {'s': {'type': 'String', 'annotations': {'doc': 'deep'}}}}}, 'annotations': {'doc': 'a \\'t\\''}}}"),
            "@doc(\"a \\\"t\\\"\")\ntype T = {\n  r: {\n    @doc(\"deep\")\n    s: String\n  }\n};\n" },
        { Root("{'U': {}}", "{'read': {}, 'view': {'memberOf': [{'id': 'read'}, {'id': 'read', 'type': 'Action'}], 'appliesTo': {'principalTypes': ['U'], 'resourceTypes': ['U'], 'context': {'type': 'Record', 'attributes': {'n': {'type': 'Long'}}}}}}"),
            "entity U;\n\naction \"read\";\n\naction \"view\" in [\"read\", Action::\"read\"] appliesTo {\n  principal: [U],\n  resource: [U],\n  context: {\n    n: Long\n  }\n};\n" },
        { Root("{'U': {}}", "{'a': {'appliesTo': {'principalTypes': [], 'resourceTypes': ['U']}}, 'b': {'appliesTo': {'principalTypes': ['U'], 'resourceTypes': ['U'], 'context': {'type': 'C'}}}}", "{'C': {'type': 'Record', 'attributes': {}}}"),
            "type C = {};\n\nentity U;\n\naction \"a\";\n\naction \"b\" appliesTo {\n  principal: [U],\n  resource: [U],\n  context: C\n};\n" },
        { J("{'N': {'entityTypes': {'A': {}}, 'actions': {}, 'annotations': {'doc': 'n'}}, '': {'entityTypes': {'B': {'memberOfTypes': ['N::A']}}, 'actions': {}}}"),
            "entity B in [N::A];\n\n@doc(\"n\")\nnamespace N {\n  entity A;\n}\n" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ToCedar_Schema_WritesTheSchemaSyntax(string json, string expected)
    {
        var text = CedarSchema.FromJson(json).ToCedar();

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("photos")]
    [InlineData("catalogue")]
    [InlineData("every construct")]
    public void ToCedar_Schema_ReadsBackToTheSameSchema(string name)
    {
        var schema = CedarSchema.FromJson(name switch
        {
            "photos" => SampleSchemas.Photos,
            "catalogue" => CloudinaryCatalogue.SchemaJson,
            _ => J("""
                {"Org": {"annotations": {"doc": "people"},
                  "commonTypes": {"Address": {"type": "Record", "attributes": {"city": {"type": "String"}, "zip": {"type": "String", "required": false}}}},
                  "entityTypes": {
                    "Person": {"memberOfTypes": ["Team"], "shape": {"type": "Record", "attributes": {
                      "address": {"type": "Address"}, "badge id": {"type": "Long"}, "ip": {"type": "Extension", "name": "ipaddr", "required": false}}},
                      "tags": {"type": "Set", "element": {"type": "String"}}},
                    "Team": {"memberOfTypes": ["Org::Division"]}, "Division": {}, "Level": {"enum": ["junior", "senior"]}},
                  "actions": {
                    "view": {"appliesTo": {"principalTypes": ["Person"], "resourceTypes": ["Team"],
                      "context": {"type": "Record", "attributes": {"level": {"type": "Entity", "name": "Level"}}}}},
                    "edit": {"memberOf": [{"id": "view"}], "appliesTo": {"principalTypes": ["Person"], "resourceTypes": ["Team", "Division"]}}}},
                 "": {"entityTypes": {"Visitor": {"memberOfTypes": ["Org::Team"]}},
                  "actions": {"visit": {"memberOf": [{"id": "view", "type": "Org::Action"}],
                    "appliesTo": {"principalTypes": ["Visitor"], "resourceTypes": ["Org::Team"], "context": {"type": "Org::Address"}}}}}}
                """),
        });

        var again = CedarSchema.FromCedar(schema.ToCedar());

        Assert.Equal(SchemaTextReaderTests.Describe(schema), SchemaTextReaderTests.Describe(again));
    }

    public static TheoryData<string, string, string> Inexpressible => new()
    {
        { Root("{'A': {'shape': {'type': 'T'}}}", commonTypes: "{'T': {'type': 'Record', 'attributes': {}}}"), "$[\"\"].entityTypes.A.shape", "a shape that names a common type cannot be written" },
        { Root("{'A': {'shape': {'type': 'Record', 'attributes': {}, 'additionalAttributes': true}}}"), "$[\"\"].entityTypes.A.shape", "additionalAttributes" },
        { Root("{'T': {}, 'A': {'shape': {'type': 'Record', 'attributes': {'t': {'type': 'Entity', 'name': 'T'}}}}}", commonTypes: "{'T': {'type': 'String'}}"),
            "$[\"\"].entityTypes.A.shape.attributes.t", "the entity type `T` cannot be written in the schema syntax: a common type has the same name" },
    };

    [Theory]
    [MemberData(nameof(Inexpressible))]
    public void ToCedar_WhatTheSyntaxCannotSay_IsAnErrorAtItsPath(string json, string path, string message)
    {
        var schema = CedarSchema.FromJson(json);

        var e = Assert.Throws<CedarSchemaException>(schema.ToCedar);

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
