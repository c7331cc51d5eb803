namespace Roster.Tests.Cli;

/// <summary>A small document world in the Cedar command line's file formats, shared by the cedar command tests.</summary>
public static class CedarSamples
{
    public const string Policies = """
        // Staff view every document; owners edit theirs.
        @id("staff-view")
        permit (principal in Group::"staff", action == Action::"view", resource);

        @id("owner-edit")
        permit (principal, action == Action::"edit", resource)
        when { resource.owner == principal };

        @id("no-secrets")
        forbid (principal, action, resource)
        when { resource.secret && context.level < 3 };

        @id("nickname")
        permit (principal, action == Action::"view", resource)
        when { principal.nickname == "boss" };
        """;

    public const string Entities = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {"name": "Alice"}, "parents": [{"type": "Group", "id": "staff"}]},
          {"uid": {"type": "User", "id": "bob"}, "attrs": {"name": "Bob"}, "parents": []},
          {"uid": {"type": "Group", "id": "staff"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Doc", "id": "plan"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "bob"}}, "secret": false}, "parents": []},
          {"uid": {"type": "Doc", "id": "salaries"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "bob"}}, "secret": true}, "parents": []}
        ]
        """;

    public const string Schema = """
        {"": {
          "entityTypes": {
            "User": {"memberOfTypes": ["Group"], "shape": {"type": "Record", "attributes": {
              "name": {"type": "String"},
              "nickname": {"type": "String", "required": false},
              "address": {"type": "Extension", "name": "ipaddr", "required": false}}}},
            "Group": {},
            "Doc": {"shape": {"type": "Record", "attributes": {
              "owner": {"type": "Entity", "name": "User"},
              "secret": {"type": "Boolean"}}}}
          },
          "actions": {
            "view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"],
              "context": {"type": "Record", "attributes": {"level": {"type": "Long"}}}}},
            "edit": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"],
              "context": {"type": "Record", "attributes": {"level": {"type": "Long"}}}}}
          }
        }}
        """;

    /// <summary><see cref="Schema"/> in Cedar's schema syntax (a <c>.cedarschema</c> file).</summary>
    public const string SchemaText = """
        // The documents world: users in groups, and documents with an owner.
        entity User in [Group] = {
          name: String,
          nickname?: String,
          address?: ipaddr,
        };
        entity Group;
        entity Doc { owner: User, secret: Bool };

        @doc("What every request on a document carries.")
        type DocContext = { level: Long };

        action view, edit appliesTo { principal: User, resource: Doc, context: DocContext };
        """;

    /// <summary>A request file's text.</summary>
    public static string Request(string principal, string action, string resource, int level = 1) =>
        $$"""{"principal": "User::\"{{principal}}\"", "action": "Action::\"{{action}}\"", "resource": "Doc::\"{{resource}}\"", "context": {"level": {{level}}} }""";
}
