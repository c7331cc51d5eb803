namespace Roster.Features.Folders;

/// <summary>
/// Folder roles through the per-cloud Admin API (<c>/v1_1/{cloud_name}/folder_operations/…</c>), authenticated
/// with an access key of that product environment. Roster stores no folder trees: callers name a folder's
/// ancestors with <c>ancestor_ids</c>, from the top folder down.
/// </summary>
public static class FoldersApi
{
    public static RouteGroupBuilder MapFoldersApi(this RouteGroupBuilder cloud)
    {
        var group = cloud.MapGroup("/folder_operations/invite/{folder_id}").WithTags("Folder roles (Admin API)");
        group.MapGet("/", GetFolderRoles.HandleAsync)
            .WithSummary("Who holds roles on a folder")
            .WithDescription("Lists the users, groups and API keys holding folder roles on the folder. Roster does not store folder trees: "
                + "pass ancestor_ids (the folder ids above this one, from the top folder down) to include roles held on those folders, "
                + "marked inherited. permitted_roles=true adds the folder roles the calling API key may grant here.");
        group.MapPost("/", UpdateFolderRoles.HandleAsync)
            .WithSummary("Give or take folder roles")
            .WithDescription("Body: principal {type: user, group or apiKey; id}, operation (add or remove), roles (1 to 10 folder role ids). "
                + "The calling API key may grant or take only roles it holds on the folder (ancestor_ids, as for GET, count). Answers {\"success\":true}.");
        return group;
    }
}
