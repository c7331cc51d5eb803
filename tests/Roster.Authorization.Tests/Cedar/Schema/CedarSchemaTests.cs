using System.Text.Json.Nodes;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

public class CedarSchemaTests
{
    private static readonly CedarSchema _photos = CedarSchema.FromJson(SampleSchemas.Photos);
    private static readonly CedarSchema _documents = CedarSchema.FromJson(SampleSchemas.Documents);

    private static CedarSchema Schema(string name) => name == "photos" ? _photos : _documents;

    [Theory]
    [InlineData("photos", "User", true)]
    [InlineData("photos", "Color", true)]
    [InlineData("photos", "Action", false)]
    [InlineData("photos", "Group", false)]
    [InlineData("documents", "Acme::Docs::Employee", true)]
    [InlineData("documents", "Acme::Org::Division", true)]
    [InlineData("documents", "Employee", false)]
    public void HasEntityType_Name_IsTrueOnlyForDeclaredFullyQualifiedTypes(string schema, string type, bool expected) =>
        Assert.Equal(expected, Schema(schema).HasEntityType(type));

    [Theory]
    [InlineData("photos", "User", "department", "String", true)]
    [InlineData("photos", "User", "manager", "User", false)]
    [InlineData("photos", "User", "address", "{city: String, zip?: String}", true)]
    [InlineData("photos", "Account", "admins", "Set<User>", false)]
    [InlineData("photos", "Photo", "rating", "decimal", false)]
    [InlineData("documents", "Acme::Docs::Employee", "name", "String", true)]
    [InlineData("documents", "Acme::Docs::Employee", "age", "Long", false)]
    [InlineData("documents", "Acme::Docs::Document", "owner", "Acme::Docs::Employee", true)]
    [InlineData("documents", "Acme::Docs::Document", "classification", "String", true)]
    [InlineData("documents", "Acme::Docs::Document", "readers", "Set<Acme::Docs::Employee>", true)]
    public void GetAttribute_DeclaredAttribute_HasResolvedTypeAndRequiredness(string schema, string type, string attribute, string expectedType, bool required)
    {
        var definition = Schema(schema).GetAttribute(type, attribute);

        Assert.NotNull(definition);
        Assert.Equal(expectedType, definition.Type.ToString());
        Assert.Equal(required, definition.Required);
    }

    [Theory]
    [InlineData("photos", "User", "email")]
    [InlineData("photos", "Nobody", "department")]
    [InlineData("photos", "Color", "name")]
    public void GetAttribute_UndeclaredAttributeOrType_IsNull(string schema, string type, string attribute) =>
        Assert.Null(Schema(schema).GetAttribute(type, attribute));

    [Fact]
    public void GetAction_NamespacedAction_HasQualifiedAppliesToAndCommonContext()
    {
        var read = _documents.GetAction(new EntityUid("Acme::Docs::Action", "read"));

        Assert.NotNull(read?.AppliesTo);
        Assert.Equal(["Acme::Docs::Employee"], read.AppliesTo.PrincipalTypes);
        Assert.Equal(["Acme::Docs::Document"], read.AppliesTo.ResourceTypes);
        Assert.Equal("{mfa: Bool, source: Acme::Org::Division}", read.AppliesTo.Context.ToString());
    }

    [Fact]
    public void GetAction_MemberOfAnotherNamespace_ResolvesTheGivenActionType()
    {
        var audit = _documents.GetAction(new EntityUid("Acme::Docs::Action", "audit"));

        Assert.Equal([new EntityUid("Acme::Org::Action", "review")], audit?.MemberOf);
        Assert.Null(_documents.GetAction(new EntityUid("Acme::Org::Action", "review"))?.AppliesTo);
    }

    [Theory]
    [InlineData("photos", "Action", "viewPhoto", true)]
    [InlineData("photos", "Action", "deletePhoto", false)]
    [InlineData("documents", "Acme::Docs::Action", "edit", true)]
    [InlineData("documents", "Action", "edit", false)]
    public void HasAction_Uid_IsTrueOnlyForDeclaredActions(string schema, string type, string id, bool expected) =>
        Assert.Equal(expected, Schema(schema).HasAction(new EntityUid(type, id)));

    [Theory]
    [InlineData("photos", "Photo", "Album", true)]
    [InlineData("photos", "Album", "Album", true)]
    [InlineData("photos", "User", "UserGroup", true)]
    [InlineData("photos", "User", "Album", false)]
    [InlineData("photos", "Account", "Account", true)]
    [InlineData("documents", "Acme::Docs::Employee", "Acme::Org::Division", true)]
    [InlineData("documents", "Acme::Org::Division", "Acme::Docs::Team", false)]
    public void CanBeIn_TypePair_FollowsMemberOfTypesTransitively(string schema, string type, string ancestor, bool expected) =>
        Assert.Equal(expected, Schema(schema).CanBeIn(type, ancestor));

    [Fact]
    public void ActionsIn_Group_HoldsItselfAndItsMembers()
    {
        var members = _photos.ActionsIn(new EntityUid("Action", "read"));

        Assert.Equal(["listAlbums", "read", "viewPhoto"], members.Select(a => a.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GetEntityType_EnumeratedType_ListsItsIds() =>
        Assert.Equal(["Red", "Green"], _photos.GetEntityType("Color")?.EnumIds);

    /// <summary>A repeated id names the same entity twice: kept as written in both formats, as the reference does.</summary>
    [Theory]
    [InlineData("{\"\": {\"entityTypes\": {\"Color\": {\"enum\": [\"Red\", \"Red\"]}, \"User\": {}}, \"actions\": {\"paint\": {\"appliesTo\": {\"principalTypes\": [\"User\"], \"resourceTypes\": [\"Color\"]}}}}}")]
    [InlineData("entity Color enum [\"Red\", \"Red\"]; entity User; action paint appliesTo { principal: User, resource: Color };")]
    public void FromText_RepeatedEnumId_IsAcceptedAndItsEntityValidates(string text)
    {
        var schema = text.TrimStart().StartsWith('{') ? CedarSchema.FromJson(text) : CedarSchema.FromCedar(text);

        Assert.Equal(["Red", "Red"], schema.GetEntityType("Color")?.EnumIds);
        Assert.Empty(PolicyValidator.Validate(PolicyParser.ParsePolicies("permit(principal, action, resource == Color::\"Red\");"), schema));
        Assert.NotEmpty(PolicyValidator.Validate(PolicyParser.ParsePolicies("permit(principal, action, resource == Color::\"Blue\");"), schema));
    }

    [Fact]
    public void GetEntityType_TagsOfACommonType_AreResolved() =>
        Assert.Equal(CedarType.String, _documents.GetEntityType("Acme::Docs::Document")?.Tags);

    [Theory]
    [InlineData(SampleSchemas.Photos)]
    [InlineData(SampleSchemas.Documents)]
    public void ToJson_SampleSchema_WritesBackTheSameDocument(string json)
    {
        var written = CedarSchema.FromJson(json).ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
        Assert.Equal(written, CedarSchema.FromJson(written).ToJson());
    }

    [Fact]
    public void FromJson_CloudinarySchema_ReadsEveryTypeAndAction()
    {
        var schema = CedarSchema.FromJson(CloudinaryCatalogue.SchemaJson);

        Assert.True(schema.HasEntityType("Cloudinary::Asset"));
        Assert.True(schema.CanBeIn("Cloudinary::Asset", "Cloudinary::Account"));
        Assert.Equal(new SetType(CedarType.String), schema.GetAttribute("Cloudinary::Folder", "ancestor_ids")?.Type);
        Assert.Equal(9, schema.Actions.Count);
    }
}
