namespace Roster.Authorization.Tests.Cedar.Schema;

/// <summary>The schemas the schema and validator tests share.</summary>
internal static class SampleSchemas
{
    /// <summary>A photo-sharing application in the empty namespace, so policies read without prefixes.</summary>
    public const string Photos = """
        {
          "": {
            "entityTypes": {
              "User": {
                "memberOfTypes": ["UserGroup"],
                "shape": {
                  "type": "Record",
                  "attributes": {
                    "department": { "type": "String" },
                    "jobLevel": { "type": "Long" },
                    "manager": { "type": "Entity", "name": "User", "required": false },
                    "roles": { "type": "Set", "element": { "type": "String" } },
                    "address": {
                      "type": "Record",
                      "attributes": {
                        "city": { "type": "String" },
                        "zip": { "type": "String", "required": false }
                      }
                    }
                  }
                }
              },
              "UserGroup": {},
              "Photo": {
                "memberOfTypes": ["Album"],
                "shape": {
                  "type": "Record",
                  "attributes": {
                    "owner": { "type": "Entity", "name": "User" },
                    "private": { "type": "Boolean" },
                    "size": { "type": "Long" },
                    "labels": { "type": "Set", "element": { "type": "String" } },
                    "account": { "type": "Entity", "name": "Account" },
                    "rating": { "type": "Extension", "name": "decimal", "required": false }
                  }
                },
                "tags": { "type": "String" }
              },
              "Album": {
                "memberOfTypes": ["Album"],
                "shape": {
                  "type": "Record",
                  "attributes": {
                    "owner": { "type": "Entity", "name": "User" },
                    "private": { "type": "Boolean" }
                  }
                }
              },
              "Account": {
                "shape": {
                  "type": "Record",
                  "attributes": {
                    "owner": { "type": "Entity", "name": "User" },
                    "admins": { "type": "Set", "element": { "type": "Entity", "name": "User" }, "required": false }
                  }
                }
              },
              "Color": { "enum": ["Red", "Green"] }
            },
            "actions": {
              "read": { "appliesTo": { "principalTypes": [], "resourceTypes": [] } },
              "viewPhoto": {
                "memberOf": [{ "id": "read" }],
                "appliesTo": {
                  "principalTypes": ["User"],
                  "resourceTypes": ["Photo"],
                  "context": {
                    "type": "Record",
                    "attributes": {
                      "authenticated": { "type": "Boolean" },
                      "ip": { "type": "Extension", "name": "ipaddr" },
                      "score": { "type": "Extension", "name": "decimal", "required": false }
                    }
                  }
                }
              },
              "listAlbums": {
                "memberOf": [{ "id": "read" }],
                "appliesTo": {
                  "principalTypes": ["User"],
                  "resourceTypes": ["Account"],
                  "context": { "type": "Record", "attributes": { "authenticated": { "type": "Boolean" } } }
                }
              },
              "uploadPhoto": {
                "appliesTo": {
                  "principalTypes": ["User"],
                  "resourceTypes": ["Album"],
                  "context": {
                    "type": "Record",
                    "attributes": {
                      "authenticated": { "type": "Boolean" },
                      "photo": {
                        "type": "Record",
                        "attributes": {
                          "file_size": { "type": "Long" },
                          "file_type": { "type": "String" }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    /// <summary>Two namespaces that refer to each other, with common types and the EntityOrCommon form.</summary>
    public const string Documents = """
        {
          "Acme::Docs": {
            "commonTypes": {
              "Name": { "type": "String" },
              "Person": {
                "type": "Record",
                "attributes": {
                  "name": { "type": "Name" },
                  "age": { "type": "Long", "required": false }
                }
              },
              "RequestContext": {
                "type": "Record",
                "attributes": {
                  "mfa": { "type": "Boolean" },
                  "source": { "type": "EntityOrCommon", "name": "Acme::Org::Division" }
                }
              }
            },
            "entityTypes": {
              "Employee": { "memberOfTypes": ["Team"], "shape": { "type": "Person" } },
              "Team": { "memberOfTypes": ["Acme::Org::Division"] },
              "Document": {
                "shape": {
                  "type": "Record",
                  "attributes": {
                    "owner": { "type": "EntityOrCommon", "name": "Employee" },
                    "classification": { "type": "EntityOrCommon", "name": "Name" },
                    "readers": { "type": "Set", "element": { "type": "EntityOrCommon", "name": "Employee" } }
                  }
                },
                "tags": { "type": "Name" },
                "annotations": { "doc": "a document" }
              }
            },
            "actions": {
              "read": {
                "appliesTo": {
                  "principalTypes": ["Employee"],
                  "resourceTypes": ["Document"],
                  "context": { "type": "RequestContext" }
                }
              },
              "edit": {
                "memberOf": [{ "id": "read" }],
                "appliesTo": {
                  "principalTypes": ["Employee"],
                  "resourceTypes": ["Document"],
                  "context": { "type": "RequestContext" }
                }
              },
              "audit": {
                "memberOf": [{ "id": "review", "type": "Acme::Org::Action" }],
                "appliesTo": { "principalTypes": ["Team"], "resourceTypes": ["Document"] }
              }
            }
          },
          "Acme::Org": {
            "entityTypes": { "Division": {} },
            "actions": { "review": {} }
          }
        }
        """;
}
