using System.Text.Json.Nodes;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Differential;

/// <summary>Roster's Cedar engine, answering cases in the same shape as <see cref="ReferenceEngine"/>.</summary>
public static class RosterEngine
{
    public static CaseAnswer Decide(CedarCase testCase)
    {
        try
        {
            PolicySet policies;
            try
            {
                policies = PolicySet.Parse(testCase.Policies);
            }
            catch (CedarParseException e)
            {
                return CaseAnswer.Rejected(e.Diagnostics.Select(d => d.ToString()).ToList());
            }
            EntityStore entities;
            try
            {
                entities = EntityStore.FromJson(testCase.EntitiesJson);
            }
            catch (CedarEntityException e)
            {
                return new CaseAnswer(true, [], testCase.Requests.Select(_ => RequestAnswer.Failed(e.Message)).ToList());
            }
            return new CaseAnswer(true, [], testCase.Requests.Select(r => Decide(policies, entities, r)).ToList());
        }
        catch (Exception e) when (e is not CedarParseException and not CedarEntityException)
        {
            return CaseAnswer.Crashed(e);
        }
    }

    private static RequestAnswer Decide(PolicySet policies, EntityStore entities, CedarCaseRequest request)
    {
        RecordValue context;
        try
        {
            context = Context(request.ContextJson);
        }
        catch (CedarEntityException e)
        {
            return RequestAnswer.Failed(e.Message);
        }
        var response = policies.IsAuthorized(new AuthorizationRequest(request.Principal, request.Action, request.Resource, context), entities);
        return RequestAnswer.Decided(
            response.Decision == Decision.Allow ? "allow" : "deny",
            response.Reasons,
            response.Errors.Select(e => e.PolicyId));
    }

    // A context is read as the attributes of an entity, so that it goes through the engine's one reader of
    // Cedar JSON values (with its __entity and __extn escapes) like the entities do.
    private static RecordValue Context(string json)
    {
        var holder = new JsonArray(new JsonObject
        {
            ["uid"] = new JsonObject { ["type"] = "Context", ["id"] = "" },
            ["attrs"] = JsonNode.Parse(json),
            ["parents"] = new JsonArray(),
        });
        var store = EntityStore.FromJson(holder.ToJsonString());
        return store.TryGet(new EntityUid("Context", ""), out var entity) ? new RecordValue(entity.Attributes) : RecordValue.Empty;
    }
}
