using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Health;

/// <summary>The process answers; <paramref name="Database"/> names the engine it is configured for (not asked).</summary>
public sealed record Health(string Status, string Database);

/// <summary>
/// Whether this server can serve: <c>ready</c>, <c>database_unavailable</c> (it cannot be reached) or
/// <c>migrations_pending</c> (the schema lacks <paramref name="PendingMigrations"/>; <c>roster migrate</c> applies them).
/// </summary>
public sealed record Readiness(string Status, string Database, IReadOnlyList<string> PendingMigrations);

public static class HealthApi
{
    /// <summary>How long /readyz waits for the database before it says it cannot be reached.</summary>
    public static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(5);

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Alive).WithTags("Health")
            .WithSummary("Liveness: the process answers (the database is not asked)").AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).WithTags("Health")
            .WithSummary("Readiness: the database answers and has every migration this version needs; 503 with Retry-After otherwise")
            .Produces<Readiness>(StatusCodes.Status200OK)
            .Produces<Readiness>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();
        app.MapGet("/ping", () => TypedResults.Ok(new { ok = true }))
            .WithTags("Health").WithSummary("A trivial endpoint: the baseline for load measurements").AllowAnonymous();
    }

    private static Ok<Health> Alive(DatabaseTarget target) => TypedResults.Ok(new Health("ok", Engine(target)));

    private static async Task<IResult> ReadyAsync(RosterDb db, DatabaseTarget target, HttpContext context, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadinessTimeout);
        IReadOnlyList<string> pending;
        try
        {
            pending = await DatabaseMigrator.PendingAsync(db, timeout.Token);
        }
        catch (Exception e) when (DbErrors.IsUnavailable(e) || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return NotReady(context, new Readiness("database_unavailable", Engine(target), []));
        }
        return pending.Count == 0
            ? TypedResults.Ok(new Readiness("ready", Engine(target), []))
            : NotReady(context, new Readiness("migrations_pending", Engine(target), pending));
    }

    private static JsonHttpResult<Readiness> NotReady(HttpContext context, Readiness readiness)
    {
        context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string Engine(DatabaseTarget target) => target.Provider.ToString().ToLowerInvariant();
}
