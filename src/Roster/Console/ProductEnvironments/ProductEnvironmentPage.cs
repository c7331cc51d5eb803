using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>A product environment as its console pages show it: no secrets.</summary>
public sealed record EnvironmentSummary(string Id, string Name, string CloudName, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>
/// The base of the pages of one product environment (<c>/console/product-environments/{id}/…</c>): before any handler runs
/// it finds the environment in the signed-in user's account — an unknown id, or another account's, is a 404 page naming
/// neither — and decides the user's API key features in it (<see cref="ProductEnvironmentFeatures"/>), sending a user
/// without <see cref="RequiredKeyFeature"/> there to the forbidden page. After a handler that renders the page,
/// <see cref="DescribeAsync"/> reads what the page shows.
/// </summary>
public abstract class ProductEnvironmentPage : ConsolePage
{
    /// <summary>Ids are 32 hexadecimal digits; anything much longer is no id of ours and is not looked up.</summary>
    private const int MaxIdLength = 64;

    [BindProperty(SupportsGet = true, Name = "id")]
    public string? Id { get; set; }

    public EnvironmentSummary Environment { get; private set; } = null!;

    /// <summary>No such product environment in the account: the page says so, with 404.</summary>
    public bool Missing { get; private set; }

    /// <summary>The signed-in user's API key features in this product environment.</summary>
    public ConsoleFeatures KeyFeatures { get; private set; } = ConsoleFeatures.None;

    /// <summary>The product-environment feature a user must hold in this environment to open the page; null for none.</summary>
    protected virtual string? RequiredKeyFeature => null;

    public bool MayKeys(string feature) => KeyFeatures.May(feature);

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var ct = HttpContext.RequestAborted;
            if (await RefusalAsync(ct) is { } refusal)
            {
                context.Result = refusal;
                return new PageHandlerExecutedContext(PageContext, context.Filters, context.HandlerMethod, this) { Result = refusal };
            }
            var executed = await next();
            if (executed.Result is null or PageResult && executed.Exception is null)
            {
                await DescribeAsync(ct);
            }
            return executed;
        });

    /// <summary>What the page shows, read after the handler, so that it shows what the handler left.</summary>
    protected virtual Task DescribeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The page saying the product environment is not in this account.</summary>
    protected PageResult NotFoundPage()
    {
        Missing = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    private async Task<IActionResult?> RefusalAsync(CancellationToken ct)
    {
        var db = HttpContext.RequestServices.GetRequiredService<RosterDb>();
        var id = Id;
        var accountId = AccountId;
        var found = IsPlain(id, MaxIdLength)
            ? await db.ProductEnvironments.AsNoTracking().Where(p => p.Id == id && p.AccountId == accountId)
                .Select(p => new EnvironmentSummary(p.Id, p.Name, p.CloudName, p.Enabled, p.CreatedAt)).FirstOrDefaultAsync(ct)
            : null;
        if (found is null)
        {
            return NotFoundPage();
        }
        Environment = found;
        KeyFeatures = await ProductEnvironmentFeatures.DecideAsync(
            HttpContext.RequestServices.GetRequiredService<Decider>(), accountId, UserId, found.Id, ProductEnvironmentFeatures.ApiKeys, ct);
        return RequiredKeyFeature is { } feature && !KeyFeatures.May(feature) ? LocalRedirect(ConsoleLinks.Forbidden) : null;
    }

    /// <summary>
    /// Whether a path's id can be one of ours at all: 1 to <paramref name="max"/> ASCII letters and digits. Others are not
    /// looked up (PostgreSQL refuses text with a NUL in it), and the page answers that there is no such thing.
    /// </summary>
    public static bool IsPlain([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id, int max) => id is { Length: > 0 } && id.Length <= max && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>The path of this product environment's page, or of one below it.</summary>
    public string PathOf(string below = "") => $"{ConsoleLinks.ProductEnvironments}/{Uri.EscapeDataString(Environment.Id)}{below}";
}
