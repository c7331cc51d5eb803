using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

public class SchemaTextReaderTests
{
    // JSON with ' for " so that the rows stay on one line.
    private static string J(string text) => text.Replace('\'', '"');

    /// <summary>The JSON of a schema with only the empty namespace.</summary>
    private static string Root(string entityTypes, string actions = "{}", string? commonTypes = null) =>
        J($"{{'':{{{(commonTypes is null ? "" : $"'commonTypes':{commonTypes},")}'entityTypes':{entityTypes},'actions':{actions}}}}}");

    private const string NoScope = "'appliesTo':{'principalTypes':[],'resourceTypes':[]}";

    private static string Eoc(string name) => $"'type':'EntityOrCommon','name':'{name}'";

    public static TheoryData<string, string> Constructs => new()
    {
        // entity types
        { "", "{}" },
        { "// only a comment\n", "{}" },
        { "entity A;", Root("{'A':{}}") },
        { "entity A, B;", Root("{'A':{},'B':{}}") },
        { "entity A in B; entity B;", Root("{'A':{'memberOfTypes':['B']},'B':{}}") },
        { "entity A in [B, C]; entity B; entity C;", Root("{'A':{'memberOfTypes':['B','C']},'B':{},'C':{}}") },
        { "entity A in [];", Root("{'A':{}}") },
        { "entity A = { a: Long };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("Long")}}}}}}}}}}}") },
        { "entity A { a: Long, };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("Long")}}}}}}}}}}}") },
        { "entity A = {};", Root("{'A':{}}") },
        { "entity A {} tags String;", Root($"{{'A':{{'tags':{{{Eoc("String")}}}}}}}") },
        { "entity A tags {};", Root("{'A':{'tags':{'type':'Record','attributes':{}}}}") },
        { "entity A in B = { b: B } tags Set<B>; entity B;",
            Root($"{{'A':{{'memberOfTypes':['B'],'shape':{{'type':'Record','attributes':{{'b':{{{Eoc("B")}}}}}}},'tags':{{'type':'Set','element':{{{Eoc("B")}}}}}}},'B':{{}}}}") },
        { "entity Color enum [\"red\", \"green\"];", Root("{'Color':{'enum':['red','green']}}") },
        { "entity entity, type, action;", Root("{'entity':{},'type':{},'action':{}}") },
        // attributes
        { "entity A { a?: Bool };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("Bool")},'required':false}}}}}}}}}}") },
        { "entity A { \"a b\": String, \"\\u{E9}\": Long };",
            Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a b':{{{Eoc("String")}}},'é':{{{Eoc("Long")}}}}}}}}}}}") },
        { "entity A { a: Long, a: String };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("String")}}}}}}}}}}}") },
        { "entity A { type: Long, Set: Long };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'type':{{{Eoc("Long")}}},'Set':{{{Eoc("Long")}}}}}}}}}}}") },
        { "entity A { a: { b?: Set<Set<Long>> } };",
            Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{'type':'Record','attributes':{{'b':{{'type':'Set','element':{{'type':'Set','element':{{{Eoc("Long")}}}}},'required':false}}}}}}}}}}}}}}") },
        // type names: every one is EntityOrCommon, as in Cedar's own conversion
        { "entity A { i: ipaddr, d: decimal, t: datetime, u: duration };",
            Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'i':{{{Eoc("ipaddr")}}},'d':{{{Eoc("decimal")}}},'t':{{{Eoc("datetime")}}},'u':{{{Eoc("duration")}}}}}}}}}}}") },
        { "entity A { a: __cedar::Long, b: N::T };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("__cedar::Long")}}},'b':{{{Eoc("N::T")}}}}}}}}}}}") },
        // common types
        { "type T = Long;", Root("{}", commonTypes: $"{{'T':{{{Eoc("Long")}}}}}") },
        { "type ipaddr = String;", Root("{}", commonTypes: $"{{'ipaddr':{{{Eoc("String")}}}}}") },
        { "type T = {};", Root("{}", commonTypes: "{'T':{'type':'Record','attributes':{}}}") },
        // actions
        { "action a;", Root("{}", $"{{'a':{{{NoScope}}}}}") },
        { "action \"a b\", \"c\\\"d\";", Root("{}", $"{{'a b':{{{NoScope}}},'c\\'d':{{{NoScope}}}}}").Replace("c\"d", "c\\\"d") },
        { "action a in b; action b;", Root("{}", $"{{'a':{{'memberOf':[{{'id':'b'}}],{NoScope}}},'b':{{{NoScope}}}}}") },
        { "action a in [\"b\", Action::\"c\"]; action b, c;",
            Root("{}", $"{{'a':{{'memberOf':[{{'id':'b'}},{{'id':'c','type':'Action'}}],{NoScope}}},'b':{{{NoScope}}},'c':{{{NoScope}}}}}") },
        { "entity U; action a appliesTo { principal: U, resource: [U] };",
            Root("{'U':{}}", "{'a':{'appliesTo':{'principalTypes':['U'],'resourceTypes':['U']}}}") },
        { "entity U; action a appliesTo { resource: U, principal: [U, U], context: {}, };",
            Root("{'U':{}}", "{'a':{'appliesTo':{'principalTypes':['U','U'],'resourceTypes':['U']}}}") },
        { "entity U; action a appliesTo { principal: U, resource: U, context: { n?: Long } };",
            Root("{'U':{}}", $"{{'a':{{'appliesTo':{{'principalTypes':['U'],'resourceTypes':['U'],'context':{{'type':'Record','attributes':{{'n':{{{Eoc("Long")},'required':false}}}}}}}}}}}}") },
        { "entity U; type C = {}; action a appliesTo { principal: U, resource: U, context: C };",
            Root("{'U':{}}", "{'a':{'appliesTo':{'principalTypes':['U'],'resourceTypes':['U'],'context':{'type':'C'}}}}", "{'C':{'type':'Record','attributes':{}}}") },
        // annotations
        { "@doc(\"top\") @other entity A;", Root("{'A':{'annotations':{'doc':'top','other':''}}}") },
        { "@if(\"x\") action a;", Root("{}", $"{{'a':{{{NoScope},'annotations':{{'if':'x'}}}}}}") },
        { "@doc(\"t\") type T = Long;", Root("{}", commonTypes: $"{{'T':{{{Eoc("Long")},'annotations':{{'doc':'t'}}}}}}") },
        { "entity A { @doc(\"a\") a: Long };", Root($"{{'A':{{'shape':{{'type':'Record','attributes':{{'a':{{{Eoc("Long")},'annotations':{{'doc':'a'}}}}}}}}}}}}") },
        // namespaces
        { "namespace N {}", J("{'N':{'entityTypes':{},'actions':{}}}") },
        { "@doc(\"n\") namespace A::B { entity C; }", J("{'A::B':{'entityTypes':{'C':{}},'actions':{},'annotations':{'doc':'n'}}}") },
        { "namespace N { entity B; action x; } entity A in N::B; action a in N::Action::\"x\";",
            J($"{{'':{{'entityTypes':{{'A':{{'memberOfTypes':['N::B']}}}},'actions':{{'a':{{'memberOf':[{{'id':'x','type':'N::Action'}}],{NoScope}}}}}}},'N':{{'entityTypes':{{'B':{{}}}},'actions':{{'x':{{{NoScope}}}}}}}}}") },
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    public void FromCedar_Construct_WritesTheJsonCedarConvertsItTo(string text, string expectedJson)
    {
        // Names the text uses but does not declare, so that each row stays about one construct.
        var json = CedarSchemaJson(text);

        Assert.Equal(expectedJson, json);
    }

    // Reads the text and writes its JSON; a row may leave N::T undeclared, so the declaration is what is written.
    private static string CedarSchemaJson(string text)
    {
        var declaration = SchemaTextReader.Read(text).Schema;
        return SchemaJsonWriter.Write(declaration, indented: false);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        // syntax
        { "entity A", "1:9", "expected `;` at the end of the entity declaration, found end of input" },
        { "entity A = { a: Long }\nentity B;", "2:1", "expected `;` at the end of the entity declaration, found `entity`" },
        { "entity A in [B,];", "1:16", "expected a parent entity type, found `]`" },
        { "entity A { a: Set<Long,> };", "1:23", "expected `>` to close `Set<`, found `,`" },
        { "entity A = T;", "1:12", "expected the entity type's attributes in `{ … }`, found `T`" },
        { "entity A enum [];", "1:16", "expected an entity id in quotes, found `]`" },
        { "entity A enum [\"a\"] in B;", "1:21", "expected `;` at the end of the entity declaration, found `in`" },
        { "entity N::A;", "1:9", "an entity type is declared with a simple name" },
        { "namespace N { namespace M {} }", "1:15", "namespaces cannot be nested" },
        { "namespace N { entity A;", "1:24", "expected `}` to close namespace `N`, found end of input" },
        { "enity A;", "1:1", "expected `entity`, `action`, `type` or `namespace`, found `enity`" },
        { "entity A;;", "1:10", "expected `entity`, `action`, `type` or `namespace`, found `;`" },
        { "/* block */ entity A;", "1:1", "found `/`" },
        { "action a appliesTo { };", "1:22", "expected `principal`, `resource` or `context` in `appliesTo`, found `}`" },
        { "action a appliesTo { principal: A, resource: A, context: Set<Long> };", "1:61", "expected `,` or `}` to close `appliesTo`, found `<`" },
        { "action a in [];", "1:14", "expected an action" },
        { "action N::a;", "1:9", "expected `;` at the end of the action declaration, found `::`" },
        { "entity A { a: Long", "1:19", "expected `,` or `}` to close the record opened at 1:10, found end of input" },
        { "@doc('x') entity A;", "1:6", "Cedar strings use double quotes" },
        { "@1 entity A;", "1:2", "expected the annotation's name after `@`, found `1`" },
        { "entity A {\n  a:\n};", "3:1", "expected a type (a name, `Set<…>` or a record `{ … }`), found `}`" },
        { "entity A { a: " + string.Concat(Enumerable.Repeat("Set<", 80)) + "Long" + new string('>', 80) + " };", "1:", "nested too deeply" },
        // other problems, found while reading on
        { "action a appliesTo { principal: A };", "1:10", "`appliesTo` of action \"a\" has no `resource`" },
        { "action a appliesTo { principal: [], resource: A };", "1:22", "`principal` of action \"a\" is `[]`" },
        { "action a appliesTo { principal: A, resource: A, principal: A };", "1:49", "`principal` is declared twice for action \"a\"" },
        { "action a appliesTo { principal: A, resource: A, context: {}, context: {} };", "1:62", "`context` is declared twice" },
        { "type Long = String;", "1:6", "`Long` cannot name a common type: it is a built-in type name" },
        { "type Bool = String;", "1:6", "`Bool` cannot name a common type" },
        { "type T = Long; type T = String;", "1:21", "common type `T` is declared twice" },
        { "entity A; entity A;", "1:18", "entity type `A` is declared twice" },
        { "entity A, A;", "1:11", "entity type `A` is declared twice" },
        { "action \"a\"; action a;", "1:20", "action \"a\" is declared twice" },
        { "namespace N {} namespace N {}", "1:26", "namespace `N` is declared twice" },
        { "entity in;", "1:8", "`in` is a reserved identifier" },
        { "entity A { if: Long };", "1:12", "`if` is a reserved identifier" },
        { "entity __cedar;", "1:8", "`__cedar` is reserved and cannot name an entity type" },
        { "namespace A::__cedar {}", "1:14", "`__cedar` is reserved and cannot name a namespace" },
        { "@doc(\"a\") @doc(\"b\") entity A;", "1:12", "duplicate annotation `@doc`" },
        { "action \"\\q\";", "1:9", "`\\q` is not a valid escape" },
        // resolution, at the place of the name
        { "entity A in B;", "1:13", "undeclared entity type `B` in memberOfTypes" },
        { "entity A { b: Nope };", "1:15", "undeclared type `Nope`: neither a common type nor an entity type of the schema" },
        { "entity U;\naction a appliesTo { principal: U, resource: [U, V] };", "2:50", "undeclared entity type `V` in resourceTypes" },
        { "action a in b;", "1:13", "undeclared action Action::\"b\" in memberOf" },
        { "type T = T;", "1:10", "common types refer to each other in a cycle" },
        { "entity A { t: datetime };", "1:15", "the extension type `datetime` is not supported by Roster's schemas yet" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void FromCedar_Problem_IsReportedAtItsLineAndColumn(string text, string position, string message)
    {
        var e = Assert.Throws<CedarSchemaException>(() => CedarSchema.FromCedar(text));

        Assert.Contains(e.Errors, error => error.Path.StartsWith(position, StringComparison.Ordinal)
            && error.Span is { } span && $"{span.Line}:{span.Column}" == error.Path
            && error.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void FromCedar_SeveralProblems_ReportsEachInTextOrder()
    {
        var e = Assert.Throws<CedarSchemaException>(() => CedarSchema.FromCedar("entity if;\nentity B { in: Long };\nentity B;"));

        Assert.Equal(["1:8", "2:12", "3:8"], e.Errors.Select(error => error.Path));
    }

    [Fact]
    public void FromCedar_CatalogueSchemaAsText_ResolvesToTheCatalogueJsonSchema()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cedar", "Schema", "cloudinary.cedarschema"));

        var fromText = CedarSchema.FromCedar(text);
        var fromJson = CedarSchema.FromJson(CloudinaryCatalogue.SchemaJson);

        Assert.Equal(Describe(fromJson), Describe(fromText));
    }

    [Fact]
    public void FromCedar_TextWithEveryConstruct_ResolvesLikeTheSameSchemaInJson()
    {
        const string text = """
            @doc("people")
            namespace Org {
              type Address = { city: String, zip?: String };
              entity Person in [Team] = { address: Address, "badge id": Long, ip?: __cedar::ipaddr } tags Set<String>;
              entity Team in Org::Division;
              entity Division;
              entity Level enum ["junior", "senior"];
              action view appliesTo { principal: [Person], resource: Team, context: { level: Level } };
              action "edit" in [view] appliesTo { principal: Person, resource: [Team, Division] };
            }
            entity Visitor in Org::Team;
            action visit in Org::Action::"view" appliesTo { principal: Visitor, resource: Org::Team, context: Org::Address };
            """;
        const string json = """
            {"Org": {"annotations": {"doc": "people"},
              "commonTypes": {"Address": {"type": "Record", "attributes": {"city": {"type": "String"}, "zip": {"type": "String", "required": false}}}},
              "entityTypes": {
                "Person": {"memberOfTypes": ["Team"], "shape": {"type": "Record", "attributes": {
                  "address": {"type": "Address"}, "badge id": {"type": "Long"}, "ip": {"type": "Extension", "name": "ipaddr", "required": false}}},
                  "tags": {"type": "Set", "element": {"type": "String"}}},
                "Team": {"memberOfTypes": ["Org::Division"]},
                "Division": {},
                "Level": {"enum": ["junior", "senior"]}},
              "actions": {
                "view": {"appliesTo": {"principalTypes": ["Person"], "resourceTypes": ["Team"],
                  "context": {"type": "Record", "attributes": {"level": {"type": "Entity", "name": "Level"}}}}},
                "edit": {"memberOf": [{"id": "view"}], "appliesTo": {"principalTypes": ["Person"], "resourceTypes": ["Team", "Division"]}}}},
             "": {"entityTypes": {"Visitor": {"memberOfTypes": ["Org::Team"]}},
              "actions": {"visit": {"memberOf": [{"id": "view", "type": "Org::Action"}],
                "appliesTo": {"principalTypes": ["Visitor"], "resourceTypes": ["Org::Team"], "context": {"type": "Org::Address"}}}}}}
            """;

        Assert.Equal(Describe(CedarSchema.FromJson(json)), Describe(CedarSchema.FromCedar(text)));
    }

    [Fact]
    public void ToJson_SchemaReadFromText_ReadsBackAsJsonToTheSameSchema()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cedar", "Schema", "cloudinary.cedarschema"));
        var fromText = CedarSchema.FromCedar(text);

        var again = CedarSchema.FromJson(fromText.ToJson());

        Assert.Equal(Describe(fromText), Describe(again));
    }

    [Theory]
    [InlineData("namespace N { action a in Action::\"b\"; } action b;", "Action::\"b\"")]
    [InlineData("namespace N { action a in Action::\"b\"; action b; } action c;", "N::Action::\"b\"")]
    [InlineData("namespace N { action a in N::Action::\"b\"; action b; }", "N::Action::\"b\"")]
    [InlineData("namespace N { action a in b; action b; }", "N::Action::\"b\"")]
    public void FromCedar_ActionGroupOfTypeAction_IsTheNamespacesWhenDeclaredThereElseTheEmptyNamespaces(string text, string expectedGroup)
    {
        var schema = CedarSchema.FromCedar(text);

        Assert.Equal(expectedGroup, Assert.Single(schema.GetAction(new EntityUid("N::Action", "a"))!.MemberOf).ToString());
    }

    /// <summary>Every entity type and action with what the engine reads of it, one line each, in a fixed order.</summary>
    internal static string Describe(CedarSchema schema) => string.Join("\n",
        schema.EntityTypes.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
            $"entity {t.Name} in [{string.Join(", ", t.MemberOfTypes.Order(StringComparer.Ordinal))}] {t.Shape}"
            + $" tags {t.Tags?.ToString() ?? "-"} enum [{string.Join(", ", t.EnumIds ?? [])}]")
        .Concat(schema.Actions.OrderBy(a => a.Uid.ToString(), StringComparer.Ordinal).Select(a =>
            $"action {a.Uid} in [{string.Join(", ", a.MemberOf.Select(m => m.ToString()).Order(StringComparer.Ordinal))}]"
            // No appliesTo and empty principal or resource types mean the same: the action applies to no request.
            + (a.AppliesTo is { PrincipalTypes.Count: > 0, ResourceTypes.Count: > 0 } applies
                ? $" principal [{string.Join(", ", applies.PrincipalTypes)}] resource [{string.Join(", ", applies.ResourceTypes)}] context {applies.Context}"
                : " applies to nothing"))));
}
