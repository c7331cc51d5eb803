using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.ConsolePages;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Accounts;
using Roster.Features.Folders;
using Roster.Features.Groups;
using Roster.Features.Health;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.ProductEnvironments;
using Roster.Features.SignIn;
using Roster.Features.TwoFactor;
using Roster.Features.Users;
using Roster.Observability;
using Roster.Security;
using Scalar.AspNetCore;

namespace Roster;

public static class RosterHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private const string XmlKeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>
    /// Registers Roster's services on <paramref name="builder"/>. A key ring or a mail setting that cannot work is a
    /// <see cref="KeyRingException"/>, a <see cref="MailSettingsException"/> or a <see cref="MetricsSettingsException"/>.
    /// </summary>
    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder, DatabaseTarget database, string? keysDirectory = null)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRosterDb(database);
        services.AddSingleton(TimeProvider.System);
        services.Configure<PlanOptions>(configuration.GetSection("Roster:Plans"));
        services.AddSingleton(configuration.GetSection("Roster:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddSingleton<AccountRateLimiter>();
        services.AddSingleton<AccessKeySecrets>();
        services.AddSingleton<AuthorizeCache>();
        services.AddScoped<Decider>();
        services.AddScoped<IUserRoles, UserRoles>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton(configuration.GetSection("Roster:Sessions").Get<SessionLimits>() ?? new SessionLimits());
        services.AddSingleton(configuration.GetSection("Roster:SignIn").Get<SignInLimits>() ?? new SignInLimits());
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TwoFactorKeys>();
        services.AddConsole(configuration);
        services.AddExternalSignIn(configuration);
        services.AddOutboxSender(configuration, database);
        services.AddObservability(configuration);
        var keyRing = services.AddKeyRing(configuration, database, keysDirectory);
        if (keyRing.Certificate is null)
        {
            // Note: without a certificate, the key manager warns of every key it writes in plain text; serve
            // says it once at start instead, with what to protect (ServeLog). The key manager's errors still show.
            builder.Logging.AddFilter(XmlKeyManagerCategory, LogLevel.Error);
        }

        services.AddAuthentication(AccountKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccountKeyAuthenticationHandler>(AccountKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ProductEnvironmentKeyAuthenticationHandler>(ProductEnvironmentKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddRosterPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ErrorBodyAuthorizationResultHandler>();

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Roster";
            doc.Info.Description = "Cloudinary-compatible Provisioning API (v1_1), Permissions API (v2) and Roster's own account endpoints. "
                + "Authenticate with HTTP Basic: the account API key and secret.";
            return Task.CompletedTask;
        }));
        // One structured line per request: method, path, status and duration (no query strings or bodies,
        // which can hold e-mail addresses and secrets).
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication MapRoster(this WebApplication app)
    {
        // Note: the console answers its errors with pages of its own (ConsoleErrors); the APIs in their error shapes. The
        // console's handlers are registered on the application itself, so that the error page they re-execute is routed.
        app.UseConsoleExceptionPage();
        app.UseWhen(c => !ConsoleErrors.IsConsole(c), api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteExceptionAsync,
            // Note: the framework refusing a request (BadHttpRequestException) and a client going away are no bugs:
            // they are answered, not logged as unhandled errors with a stack trace.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or OperationCanceledException || DbErrors.IsUnavailable(c.Exception),
        }));
        app.UseForwardedHeadersFromKnownProxies();
        app.UseStatusCodePages(WriteStatusCodeAsync);
        app.UseConsoleStatusPages();
        app.Use(RequestId);
        app.Use(ConsoleSetup.Headers);
        app.UseHttpLogging();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapHealthApi();

        var provisioning = app.MapGroup("/v1_1/provisioning/accounts/{account_id}")
            .RequireAuthorization(Policies.Provisioning)
            .WithAccountRateLimit();
        provisioning.MapProductEnvironmentsApi();
        provisioning.MapAccessKeysApi();
        provisioning.MapUsersApi();
        provisioning.MapGroupsApi();

        var permissions = app.MapGroup("/v2/accounts/{account_id}/permissions")
            .WithErrorShape(ErrorShape.Permissions)
            .RequireAuthorization(Policies.Permissions)
            .WithAccountRateLimit()
            .MapPermissionsApi()
            .MapAuthorizeApi();
        // Note: an unknown path or method under the API is answered by the API, in its error shape (routing's own
        // 404 and 405 carry no endpoint metadata to say which shape).
        permissions.MapFallback(() => new PipelineStatus(ErrorKind.NotFound, "not found")).ExcludeFromDescription();
        var publicPermissions = app.MapGroup("/v2/accounts/permissions/public").WithErrorShape(ErrorShape.Permissions).AllowAnonymous();
        publicPermissions.MapPublicPermissionsApi();
        publicPermissions.MapFallback(() => new PipelineStatus(ErrorKind.NotFound, "not found")).ExcludeFromDescription();

        app.MapGroup("/v1_1/{cloud_name}")
            .RequireAuthorization(Policies.ProductEnvironmentKey)
            .WithAccountRateLimit()
            .MapFoldersApi();

        app.MapGroup("/api/accounts/{account_id}")
            .RequireAuthorization(Policies.AccountKey)
            .WithAccountRateLimit()
            .MapAccountsApi();
        app.MapGroup("/api").AllowAnonymous().MapTokenApi();
        app.MapConsole();
        return app;
    }

    /// <summary>Echoes a well-formed incoming X-Request-Id, or issues one; it also names the request in logs and audit events.</summary>
    private static Task RequestId(HttpContext context, RequestDelegate next)
    {
        var incoming = context.Request.Headers["X-Request-Id"].ToString();
        if (incoming.Length is > 0 and <= 128 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            context.TraceIdentifier = incoming;
        }
        // Note: set when the response starts, so that responses rewritten by the exception handler
        // (which clears headers) carry it too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// What escaped an endpoint: a bug (500, logged with its stack trace), the framework refusing the request
    /// (a body over the size limit, a malformed request line), or the client going away. Refusals of bad input
    /// never come here: use cases return them as values.
    /// </summary>
    private static async Task WriteExceptionAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        // Note: the exception handler clears the endpoint; the error is written in the shape of the one the request was routed to.
        context.SetEndpoint(feature?.Endpoint);
        await DescribeException(context, feature?.Error).ExecuteAsync(context);
    }

    /// <summary>
    /// The error that answers <paramref name="error"/>, an exception that escaped an endpoint, logged as what it is: a bug with
    /// its stack trace, a database outage in one line (and Retry-After on the response), the rest not at all.
    /// </summary>
    public static RosterError DescribeException(HttpContext context, Exception? error, string? path = null)
    {
        path ??= context.Request.Path;
        RosterError value = error switch
        {
            BadHttpRequestException bad => PipelineStatus.ForStatus(bad.StatusCode) ?? new PipelineStatus(ErrorKind.InvalidInput, bad.Message),
            _ when DbErrors.IsUnavailable(error) => new DatabaseUnavailable(),
            OperationCanceledException => new PipelineStatus(ErrorKind.Cancelled, "The request was cancelled."),
            _ => new InternalError(),
        };
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Roster");
        switch (value.Kind)
        {
            case ErrorKind.Internal:
                log.LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, path);
                break;
            case ErrorKind.Unavailable:
                // Note: no stack trace: an outage is the database's state, not a bug, and it comes with every request while it lasts.
                log.LogWarning("The database is unavailable; {Method} {Path} answered 503: {Reason}", context.Request.Method, path,
                    error?.GetBaseException().Message);
                context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
        return value;
    }

    /// <summary>Bodiless 404s and 405s from routing get the API's error shape too.</summary>
    private static Task WriteStatusCodeAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var error = PipelineStatus.ForStatus(status) ?? new PipelineStatus(ErrorKind.InvalidInput, $"HTTP {status}");
        return error.WriteAsync(context.HttpContext, status);
    }
}
