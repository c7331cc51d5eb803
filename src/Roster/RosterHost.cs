using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Accounts;
using Roster.Features.Folders;
using Roster.Features.Groups;
using Roster.Features.Health;
using Roster.Features.Permissions;
using Roster.Features.ProductEnvironments;
using Roster.Features.Users;
using Roster.Security;
using Scalar.AspNetCore;

namespace Roster;

public static class RosterHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private const string XmlKeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

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
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        var keyRing = KeyRing.From(configuration, keysDirectory ?? configuration["Roster:KeysDirectory"] ?? database.DefaultKeysDirectory);
        services.AddSingleton(keyRing);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Roster")
            .PersistKeysToFileSystem(new DirectoryInfo(keyRing.Directory));
        if (keyRing.Certificate is { } certificate)
        {
            // Note: a certificate loaded from a file is in no certificate store for the decryptor to find:
            // the decryption list is what reads the ring back, keys written under earlier certificates too.
            dataProtection.ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate([certificate, .. keyRing.PreviousCertificates]);
        }
        else
        {
            // Note: without a certificate, the key manager warns of every key it writes in plain text; serve
            // says it once at start instead, with what to protect (ServeLog). The key manager's errors still show.
            builder.Logging.AddFilter(XmlKeyManagerCategory, LogLevel.Error);
        }

        services.AddAuthentication(AccountKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccountKeyAuthenticationHandler>(AccountKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ProductEnvironmentKeyAuthenticationHandler>(ProductEnvironmentKeyAuthenticationHandler.SchemeName, null);
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
        app.UseExceptionHandler(errors => errors.Run(WriteExceptionAsync));
        app.UseStatusCodePages(WriteStatusCodeAsync);
        app.Use(RequestId);
        app.UseHttpLogging();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapHealthApi();

        var provisioning = app.MapGroup("/v1_1/provisioning/accounts/{account_id}")
            .RequireAuthorization(Policies.Provisioning)
            .AddEndpointFilter(AccountRateLimiter.FilterAsync);
        provisioning.MapProductEnvironmentsApi();
        provisioning.MapAccessKeysApi();
        provisioning.MapUsersApi();
        provisioning.MapGroupsApi();

        app.MapGroup("/v2/accounts/{account_id}/permissions")
            .RequireAuthorization(Policies.Permissions)
            .AddEndpointFilter(AccountRateLimiter.FilterAsync)
            .MapPermissionsApi()
            .MapAuthorizeApi();
        app.MapGroup("/v2/accounts/permissions/public").AllowAnonymous().MapPublicPermissionsApi();

        app.MapGroup("/v1_1/{cloud_name}")
            .RequireAuthorization(Policies.ProductEnvironmentKey)
            .AddEndpointFilter(AccountRateLimiter.FilterAsync)
            .MapFoldersApi();

        app.MapGroup("/api/accounts/{account_id}")
            .RequireAuthorization(Policies.AccountKey)
            .AddEndpointFilter(AccountRateLimiter.FilterAsync)
            .MapAccountsApi();
        app.MapGroup("/api").AllowAnonymous().MapTokenApi();
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

    private static async Task WriteExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, value) = error switch
        {
            RosterErrorException refused => (RosterError.StatusOf(refused.Error), refused.Error),
            BadHttpRequestException bad when PermissionsError.Speaks(context) && bad.StatusCode == StatusCodes.Status400BadRequest =>
                (bad.StatusCode, new InvalidField(ParameterNamedIn(bad.Message), null, bad.Message)),
            BadHttpRequestException bad => (bad.StatusCode, new InvalidInput(bad.Message)),
            OperationCanceledException => (499, new PipelineStatus("The request was cancelled.")),
            _ => (StatusCodes.Status500InternalServerError, (RosterError)new InternalError()),
        };
        if (status >= 500)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Roster")
                .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        await value.WriteAsync(context, status);
    }

    /// <summary>The parameter a parsing message names (they start with it quoted), else the body as a whole.</summary>
    private static string ParameterNamedIn(string message) =>
        message.StartsWith('\'') && message.IndexOf('\'', 1) is > 1 and var end ? message[1..end] : "body";

    /// <summary>Bodiless 404s and 405s from routing get the API's error shape too.</summary>
    private static Task WriteStatusCodeAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            var other => $"HTTP {other}",
        };
        return new PipelineStatus(message).WriteAsync(context.HttpContext, response.StatusCode);
    }
}
