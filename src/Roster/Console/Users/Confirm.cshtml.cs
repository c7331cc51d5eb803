using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The confirmation pages of the Users page's destructive actions (<c>/console/users/{id}/reset-password</c>, <c>…/force-logout</c>,
/// <c>…/delete</c>): the page names the user and asks; the button runs the use case (<see cref="ResetPassword"/>,
/// <see cref="ForceLogout"/>, <see cref="DeleteUser"/>), and its result or refusal comes back as a message on the Users page.
/// </summary>
public sealed class UserConfirmModel(RosterDb db, IUserRoles roles, OutboxPayloads outbox, TimeProvider time) : ConsolePage
{
    /// <summary>An action: its path, the feature it takes, its question, its button, and what it says when done.</summary>
    public sealed record Operation(string Path, string Feature, string Question, string Explanation, string Button, string Done);

    public static readonly IReadOnlyList<Operation> Operations =
    [
        new("reset-password", CloudinaryFeatures.UsersUpdate, "Reset password for {0}?",
            "Their password stops working and every session they have ends now. We e-mail them a link to choose a new one.",
            "Reset password", "The password of {0} is reset: their sessions ended and a link to set a new one was sent."),
        new("force-logout", CloudinaryFeatures.UsersUpdate, "Force logout for {0}?",
            "Every session they have ends at its next request; they can sign in again right away.",
            "Force logout", "{0} is signed out everywhere."),
        new("delete", CloudinaryFeatures.UsersDelete, "Delete {0}?",
            "The user becomes inactive for good: they cannot sign in, leave their groups and lose their roles. Their seat and e-mail address are freed.",
            "Delete user", "{0} is deleted."),
    ];

    protected override string? RequiredFeature => CloudinaryFeatures.UsersView;

    public Operation? Current { get; private set; }
    public UserLabel? Target { get; private set; }
    public bool Missing => Current is null || Target is null;

    private async Task<(string Id, string Name, string Email, bool IsRoot, bool Live)?> LoadAsync(string id, string operation, CancellationToken ct)
    {
        Current = Operations.FirstOrDefault(o => o.Path == operation);
        var accountId = AccountId;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id && u.AccountId == accountId)
            .Select(u => new { u.Id, u.Name, u.Email, u.IsRoot, u.Status }).FirstOrDefaultAsync(ct);
        if (Current is null || user is null)
        {
            return null;
        }
        Target = new UserLabel(user.Name, user.Email, user.IsRoot, user.Status == UserStatus.Inactive);
        return (user.Id, user.Name, user.Email, user.IsRoot, user.Status != UserStatus.Inactive);
    }

    public async Task<IActionResult> OnGetAsync(string id, string operation, CancellationToken ct)
    {
        if (await LoadAsync(id, operation, ct) is null)
        {
            return UserPages.NotFound(this, Page());
        }
        if (!May(Current!.Feature))
        {
            return LocalRedirect(ConsoleLinks.Forbidden);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string operation, CancellationToken ct)
    {
        if (await LoadAsync(id, operation, ct) is not { } user)
        {
            return UserPages.NotFound(this, Page());
        }
        var current = Current!;
        if (!May(current.Feature))
        {
            Flash("You may not do that: your roles do not include it.", refusal: true);
            return LocalRedirect(ConsoleLinks.Users);
        }
        var actor = Actor.From(HttpContext);
        RosterError? refused = current.Path switch
        {
            "reset-password" => (await ResetPassword.RunAsync(AccountId, user.Id, db, outbox, actor, time, ct)).Error,
            "force-logout" => (await ForceLogout.RunAsync(AccountId, user.Id, db, actor, time, ct)).Error,
            _ => await DeleteUser.RunAsync(AccountId, user.Id, db, roles, actor, time, ct),
        };
        if (refused is not null)
        {
            Flash(refused.Message, refusal: true);
        }
        else
        {
            Flash(string.Format(System.Globalization.CultureInfo.InvariantCulture, current.Done, $"{user.Name} <{user.Email}>"));
        }
        return LocalRedirect(ConsoleLinks.Users);
    }
}
