using Microsoft.AspNetCore.Http.HttpResults;
using Roster.Data;

namespace Roster.Features.Health;

public sealed record Health(string Status, string Database);

public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).WithTags("Health").WithSummary("Liveness and database reachability").AllowAnonymous();
        app.MapGet("/ping", () => TypedResults.Ok(new { ok = true }))
            .WithTags("Health").WithSummary("A trivial endpoint: the baseline for load measurements").AllowAnonymous();
    }

    private static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> CheckAsync(RosterDb db, DatabaseTarget target, CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct)
            ? TypedResults.Ok(new Health("ok", target.Provider.ToString().ToLowerInvariant()))
            : TypedResults.Json(new Health("unavailable", target.Provider.ToString().ToLowerInvariant()), statusCode: StatusCodes.Status503ServiceUnavailable);
}
