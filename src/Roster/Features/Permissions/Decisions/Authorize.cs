using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>
/// <c>POST …/permissions/authorize</c> and <c>…/authorize/batch</c>: the wire adapter of <see cref="Decider"/>,
/// which makes the decisions.
/// </summary>
public static class Authorize
{
    /// <summary>Decisions, on the Permissions API's account group.</summary>
    public static RouteGroupBuilder MapAuthorizeApi(this RouteGroupBuilder permissions)
    {
        permissions.MapPost("/authorize", HandleAsync)
            .WithTags("Permissions (v2): decisions")
            .WithSummary("Decide one request")
            .WithDescription("Body: principal {type: user, group, apiKey or provisioningKey; id}, action (read, or Cloudinary::Action::\"read\"), "
                + "resource {type: Folder, Asset, Collection, Feature, UploadPreset, UploadMapping, ProductEnvironment, Account, Report, User or Group; "
                + "id; product_environment_id; ancestor_ids: folder ids from the top folder down to the parent}, context {…}. "
                + "Answers {decision: allow or deny, reasons, errors}. The root user and the provisioning key hold everything.");
        permissions.MapPost("/authorize/batch", BatchAsync)
            .WithTags("Permissions (v2): decisions")
            .WithSummary("Decide up to 100 requests")
            .WithDescription("Body: requests [up to 100 bodies of /authorize]. Answers {data: [answers in order]}.");
        return permissions;
    }

    public static async Task<Results<Ok<AuthorizeAnswer>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, HttpRequest request, Decider decider, CancellationToken ct)
    {
        var body = await AuthorizeInput.ReadBodyAsync(request, ct);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        using var document = body.Value;
        var query = AuthorizeInput.One(document.RootElement);
        if (!query.Succeeded)
        {
            return query.Error;
        }
        var answers = await decider.DecideAsync(accountId, [query.Value], ct);
        return answers.Succeeded ? TypedResults.Ok(answers.Value[0]) : answers.Error;
    }

    public static async Task<Results<Ok<AuthorizeBatchAnswer>, RosterError>> BatchAsync(
        [FromRoute(Name = "account_id")] string accountId, HttpRequest request, Decider decider, CancellationToken ct)
    {
        var body = await AuthorizeInput.ReadBodyAsync(request, ct);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        using var document = body.Value;
        var queries = AuthorizeInput.Batch(document.RootElement);
        if (!queries.Succeeded)
        {
            return queries.Error;
        }
        var answers = await decider.DecideAsync(accountId, queries.Value, ct);
        return answers.Succeeded ? TypedResults.Ok(new AuthorizeBatchAnswer(answers.Value)) : answers.Error;
    }
}
