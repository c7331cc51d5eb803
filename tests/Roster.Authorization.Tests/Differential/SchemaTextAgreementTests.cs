using System.Text.Json.Nodes;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar.Schema;
using Roster.Authorization.Tests.Cedar.Schema;
using Xunit.Abstractions;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Roster reads and writes Cedar's schema syntax as the reference does: for every schema, the reference writes it
/// as text (<c>schemaToText</c>), Roster reads that text, and Roster's <c>ToJson()</c> equals the reference's
/// <c>schemaToJson</c> of the same text; Roster's own text of the schema (<c>ToCedar()</c>) is read alike by both
/// and reads back to the schema it was written from. Hand-written texts with every construct are fed to both as well, and
/// the two must accept and refuse the same ones. Set <c>ROSTER_DIFF_SEED</c> to replay the generated schemas.
/// </summary>
public class SchemaTextAgreementTests(ITestOutputHelper output)
{
    private const int GeneratedCount = 1000;

    /// <summary>Texts both engines must read, and read alike.</summary>
    private static readonly string[] _accepted =
    [
        "",
        "// a comment only\n",
        "entity A;",
        "entity A, B in [C] = { a: Long, \"b c\"?: Set<String>, } tags Bool; entity C;",
        "entity A in B { }; entity B;",
        "entity A in []; entity B = {} tags {};",
        "entity Color enum [\"red\", \"gr\\\"een\", \"\\u{E9}\"];",
        "entity entity, type, action, namespace, tags, enum, appliesTo, principal, resource, context;",
        "entity A { entity: Long, type: Long, principal: Long, appliesTo: Long, Set: Long, Long: Long };",
        "entity A { i: ipaddr, d: decimal, x: __cedar::ipaddr, y: __cedar::decimal, l: __cedar::Long, s: __cedar::String, b: __cedar::Bool };",
        "entity A { a: { b: { c?: Set<{ d: Long }> } } };",
        "entity A { a: Long, a: String };",
        "type T = Long; type ipaddr = String; type U = { t: T, s: Set<T> }; entity A = { u: U, i: ipaddr };",
        "type type = Long; entity A { t: type };",
        "namespace N { entity A { b: Long }; type A = Long; entity B { a: A }; }",
        "@doc(\"top\") @if(\"x\") @__cedar(\"y\") @other entity A;",
        "@doc(\"t\") type T = Long; entity A { @doc(\"y\") @z a: T };",
        "@doc(\"x\") action a, b;",
        "@doc(\"n\") namespace A::B { @doc(\"e\") entity C; }",
        "action \"a b\", \"c\\\"d\", \"\", \"\\u{1F600}\";",
        "action a in b; action b; action c in [a, \"b\", Action::\"b\"];",
        "namespace N { action a in [Action::\"b\", N::Action::\"b\", b, \"b\"]; action \"b\"; }",
        "entity U; action a appliesTo { principal: U, resource: [U], context: {} };",
        "entity U; action a appliesTo { resource: U, principal: [U, U], context: { x?: Long }, };",
        "entity U; type C = { x: Long }; action a appliesTo { principal: U, resource: U, context: C };",
        "entity U; action a appliesTo { principal: U, resource: U, context: N::C }; namespace N { type C = { x: Long }; }",
        "namespace N { entity User; action a appliesTo { principal: User, resource: User }; } namespace M { action b in N::Action::\"a\" appliesTo { principal: N::User, resource: [N::User] }; }",
        "namespace N { entity A; } entity B in N::A; namespace M { entity C in [N::A, B]; }",
        "namespace N {}",
        "namespace N { action a in Action::\"b\"; } action b;",
        "namespace N { action a in Action::\"b\"; action b; } action c;",
        "entity A in A;",
        "entity A { \"\\x41\": Long, \"a\\nb\": String };",
        "entity A { a: Set < Long > } ;",
        "@ doc ( \"x\" ) entity A;",
    ];

    /// <summary>Texts both engines must refuse.</summary>
    private static readonly string[] _refused =
    [
        "entity A",
        "entity A in [B,]; entity B;",
        "entity A { a: Set<Long,> };",
        "entity A = T; type T = {};",
        "entity A enum [];",
        "entity A enum [\"a\",];",
        "entity A enum [\"a\"] in B; entity B;",
        "entity A = { a: Long } enum [\"x\"];",
        "entity N::A;",
        "type N::T = Long;",
        "action N::a;",
        "namespace N { namespace M { entity C; } }",
        "namespace N { entity A; } namespace N { entity B; }",
        "namespace __cedar { entity C; }",
        "entity __cedar;",
        "type __cedar = Long;",
        "entity in;",
        "entity A { if: Long };",
        "entity A; entity A;",
        "entity A, A;",
        "action \"a\"; action a;",
        "type Long = String;",
        "type Bool = String;",
        "type Set = String;",
        "type Record = String;",
        "type Entity = String;",
        "type Extension = String;",
        "type Boolean = String;",
        "type String = Long;",
        "type T = Long; type T = String;",
        "@doc(\"a\") @doc(\"b\") entity A;",
        "@1 entity A;",
        "@doc('x') entity A;",
        "/* block */ entity A;",
        "entity A;;",
        "action a appliesTo { };",
        "entity A; action a appliesTo { principal: A };",
        "entity A; action a appliesTo { principal: [], resource: A };",
        "entity A; action a appliesTo { principal: A, resource: A, principal: A };",
        "entity A; action a appliesTo { principal: A, resource: A, context: {}, context: {} };",
        "entity A; action a appliesTo { principal: A, resource: A, context: Set<Long> };",
        "action a in [];",
        "action \"\\q\";",
        "entity A in B;",
        "entity A { a: Nope };",
        "entity A { a: __cedar };",
        "entity A; action a appliesTo { principal: A, resource: B };",
        "action a in b;",
        "type T = T;",
        "action a in a;",
        "entity A = { a: Long }",
    ];

    [Fact]
    public async Task SchemaText_ReferenceAndRosterTextOfSchemas_ReadAlikeInBothEngines()
    {
        var seed = ReferenceAgreementTests.Seed();
        output.WriteLine($"seed {seed} (replay with ROSTER_DIFF_SEED={seed})");
        var schemas = new List<(string Name, JsonNode Json)>
        {
            ("Photos", JsonNode.Parse(SampleSchemas.Photos)!),
            ("Documents", Expressible(JsonNode.Parse(SampleSchemas.Documents)!)),
            ("the Cloudinary catalogue", JsonNode.Parse(CloudinaryCatalogue.SchemaJson)!),
        };
        schemas.AddRange(new SchemaGenerator(seed).Generate(GeneratedCount).Select((s, i) => ($"generated schema {i}", (JsonNode)s)));
        // Roster's own text of each schema (ToCedar) goes to the reference in the same run.
        var problems = new List<string>();
        var rosterSchemas = new List<CedarSchema?>();
        foreach (var (name, json) in schemas)
        {
            try
            {
                rosterSchemas.Add(CedarSchema.FromJson(json.ToJsonString()));
            }
            catch (CedarSchemaException e)
            {
                problems.Add($"{name}: Roster refused the JSON schema: {e.Message}");
                rosterSchemas.Add(null);
            }
        }
        var rosterTexts = rosterSchemas.Select(s => s?.ToCedar() ?? "").ToList();

        var answers = await ReferenceEngine.ConvertSchemasAsync([.. schemas.Select(s => (object)s.Json), .. rosterTexts]);

        var compared = 0;
        for (var i = 0; i < schemas.Count; i++)
        {
            var (name, json) = schemas[i];
            var answer = answers[i];
            if (answer.Json is null)
            {
                // The fixed schemas must convert; a generated one the reference refuses is counted, not compared.
                if (i < 3) problems.Add($"{name}: the reference refused it: {string.Join(" | ", answer.Errors)}");
                else output.WriteLine($"{name}: refused by the reference ({string.Join(" | ", answer.Errors)}):\n{json.ToJsonString()}");
                continue;
            }
            compared++;
            // The reference's text, read by both.
            if (Disagreement(answer.Text!, answer.Json) is { } problem) problems.Add($"{name}, the reference's text: {problem}");
            // Roster's text, read by both, and by Roster to the schema it was written from.
            if (rosterSchemas[i] is not { } roster) continue;
            var rosterAnswer = answers[schemas.Count + i];
            if (rosterAnswer.Json is null)
                problems.Add($"{name}: the reference refused Roster's text:\n{rosterTexts[i]}\n{string.Join(" | ", rosterAnswer.Errors)}");
            else if (Disagreement(rosterTexts[i], rosterAnswer.Json) is { } rosterProblem)
                problems.Add($"{name}, Roster's text: {rosterProblem}");
            else if (SchemaTextReaderTests.Describe(CedarSchema.FromCedar(rosterTexts[i])) != SchemaTextReaderTests.Describe(roster))
                problems.Add($"{name}: Roster's text reads back to another schema:\n{rosterTexts[i]}");
        }

        output.WriteLine($"{compared} of {schemas.Count} schemas compared");
        Assert.True(problems.Count == 0, $"{problems.Count} disagreements (ROSTER_DIFF_SEED={seed}); the first:\n" + string.Join("\n\n", problems.Take(5)));
        Assert.True(compared >= schemas.Count * 9 / 10, $"only {compared} of {schemas.Count} schemas were accepted by the reference: the generator has drifted");
    }

    [Fact]
    public async Task FromCedar_HandWrittenTexts_AcceptsAndRefusesAsTheReference()
    {
        var answers = await ReferenceEngine.ConvertSchemasAsync([.. _accepted, .. _refused]);

        var problems = new List<string>();
        for (var i = 0; i < _accepted.Length; i++)
        {
            if (answers[i].Json is null) problems.Add($"the reference refused {_accepted[i]}: {string.Join(" | ", answers[i].Errors)}");
            else if (Disagreement(_accepted[i], answers[i].Json!) is { } problem) problems.Add(problem);
        }
        for (var i = 0; i < _refused.Length; i++)
        {
            var answer = answers[_accepted.Length + i];
            if (answer.Json is not null) problems.Add($"the reference accepted {_refused[i]}");
            try
            {
                CedarSchema.FromCedar(_refused[i]);
                problems.Add($"Roster accepted {_refused[i]}; the reference says: {string.Join(" | ", answer.Errors)}");
            }
            catch (CedarSchemaException)
            {
                // Both refuse it; the messages are each engine's own.
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} disagreements:\n" + string.Join("\n\n", problems));
    }

    /// <summary>Null when Roster reads <paramref name="text"/> to <paramref name="expected"/>; else what differs.</summary>
    private static string? Disagreement(string text, JsonNode expected)
    {
        string roster;
        try
        {
            roster = Normalize(JsonNode.Parse(CedarSchema.FromCedar(text).ToJson())!).ToJsonString();
        }
        catch (CedarSchemaException e)
        {
            return $"Roster refused the text:\n{text}\n{e.Message}";
        }
        var reference = Normalize(expected).ToJsonString();
        return roster == reference ? null : $"the JSON differs for the text:\n{text}\nRoster:    {roster}\nReference: {reference}";
    }

    /// <summary>
    /// The JSON with every object's keys in ordinal order. Key order is the only difference allowed: JSON objects are
    /// unordered, Roster writes keys as the text declares them and the reference sorts most of them (its maps are
    /// BTreeMaps). Arrays keep their order (memberOfTypes, principalTypes, enum ids: both keep the text's order).
    /// </summary>
    private static JsonNode Normalize(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Normalize(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(e => e is null ? null : Normalize(e))]),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// The same schema without what the schema syntax cannot say, so that the reference can write it as text:
    /// a shape that names a common type gets that type's record written in place.
    /// </summary>
    private static JsonNode Expressible(JsonNode schema)
    {
        foreach (var (_, ns) in schema.AsObject())
        {
            var commonTypes = ns!["commonTypes"]?.AsObject();
            foreach (var (_, entityType) in ns["entityTypes"]!.AsObject())
            {
                if (entityType!["shape"]?["type"]?.GetValue<string>() is { } type && commonTypes?[type] is { } record)
                    entityType["shape"] = record.DeepClone();
            }
        }
        return schema;
    }
}
