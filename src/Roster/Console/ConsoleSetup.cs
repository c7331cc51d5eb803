using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Primitives;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>The console for people: server-rendered Razor Pages under <c>/console</c>, calling the same use cases as the APIs.</summary>
public static class ConsoleSetup
{
    public const string PathPrefix = "/console";

    // Note: no inline script or style anywhere in the console, so the policy can forbid both; the QR code is inline SVG,
    // which is markup, not script.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Console";
                o.Conventions.AuthorizeFolder("/", Policies.Console);
                o.Conventions.AddPageRoute("/SetPassword", SetPasswordModel.ResetPath.TrimStart('/'));
                o.Conventions.ConfigureFilter(new ConsoleErrors.FormFilter());
            })
            .AddApplicationPart(typeof(ConsoleSetup).Assembly);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "roster_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__antiforgery";
        });
        // Note: behind a TLS-terminating proxy, X-Forwarded-Proto makes the request HTTPS (and the session cookie Secure),
        // but only from the proxies named here: anyone else could claim anything.
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>The headers every console response carries: the content policy, no framing, no referrer to other sites, no caching.</summary>
    public static Task Headers(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(PathPrefix))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "same-origin";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (!context.Request.Path.StartsWithSegments(ConsoleAssets.PathPrefix))
                {
                    headers.CacheControl = new StringValues("no-store");
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }

    private static string[] KnownProxies(IConfiguration configuration) =>
        configuration.GetSection("Roster:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];

    /// <summary>
    /// Reads X-Forwarded-For and X-Forwarded-Proto only when proxies are named. Note: the middleware trusts a request that
    /// has no remote address at all, so with no proxy named it must not run, rather than run with an empty list.
    /// </summary>
    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(ConsoleAssets.PathPrefix + "/{name}", ConsoleAssets.Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
