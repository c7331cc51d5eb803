using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Roster.Common;
using Roster.Features.Accounts;
using Roster.Features.SignIn;

namespace Roster.Security;

public static class Policies
{
    /// <summary>Any account, authenticated with its own key.</summary>
    public const string AccountKey = "AccountKey";

    /// <summary>The Provisioning API: an account key of an Enterprise account.</summary>
    public const string Provisioning = "Provisioning";

    /// <summary>The Permissions API: an account key of an account on any plan but Free.</summary>
    public const string Permissions = "Permissions";

    /// <summary>The per-cloud Admin API: an access key of the product environment the path's cloud name names.</summary>
    public const string ProductEnvironmentKey = "ProductEnvironmentKey";

    /// <summary>The console: a person signed in all the way (past the second factor, when the user has one).</summary>
    public const string Console = "Console";

    /// <summary>The second step of a sign-in: a session past the password, waiting for the authentication code.</summary>
    public const string ConsoleSecondFactor = "ConsoleSecondFactor";

    public static AuthorizationBuilder AddRosterPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Console, p => p.AddAuthenticationSchemes(SessionAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.UserId)
            .RequireClaim(RosterClaims.SessionStage, SessionStage.SignedIn.Wire()))
        .AddPolicy(ConsoleSecondFactor, p => p.AddAuthenticationSchemes(SessionAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.UserId)
            .RequireClaim(RosterClaims.SessionStage, SessionStage.SecondFactor.Wire()))
        .AddPolicy(ProductEnvironmentKey, p => p.AddAuthenticationSchemes(ProductEnvironmentKeyAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.ProductEnvironmentId))
        .AddPolicy(AccountKey, p => p.AddAuthenticationSchemes(AccountKeyAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.AccountId))
        .AddPolicy(Provisioning, p => p.AddAuthenticationSchemes(AccountKeyAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.AccountId)
            .AddRequirements(new EnterprisePlanRequirement()))
        .AddPolicy(Permissions, p => p.AddAuthenticationSchemes(AccountKeyAuthenticationHandler.SchemeName)
            .RequireClaim(RosterClaims.AccountId)
            .AddRequirements(new PaidPlanRequirement()));
}

public sealed class PaidPlanRequirement : AuthorizationHandler<PaidPlanRequirement>, IAuthorizationRequirement
{
    public const string Message = "The Permissions API is not available on the Free plan.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PaidPlanRequirement requirement)
    {
        if (context.User.FindFirst(RosterClaims.Plan)?.Value is { } plan && plan != nameof(Plan.Free))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, Message));
        }
        return Task.CompletedTask;
    }
}

public sealed class EnterprisePlanRequirement : AuthorizationHandler<EnterprisePlanRequirement>, IAuthorizationRequirement
{
    public const string Message = "The Provisioning API is available only to accounts on the Enterprise plan.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EnterprisePlanRequirement requirement)
    {
        if (context.User.FindFirst(RosterClaims.Plan)?.Value == nameof(Plan.Enterprise))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, Message));
        }
        return Task.CompletedTask;
    }
}

/// <summary>Writes 401 and 403 in the API's error shape, with the reason the policy gave.</summary>
public sealed class ErrorBodyAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // Note: a person's session is refused by its own scheme, which sends a page request on (a session half-way
        // through sign-in to the code page) rather than answering in an API's error body.
        if (result.Forbidden && !policy.AuthenticationSchemes.Contains(SessionAuthenticationHandler.SchemeName))
        {
            var reason = result.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message ?? "Forbidden";
            return new PlanFeatureUnavailable(reason).ExecuteAsync(context);
        }
        return _default.HandleAsync(next, context, policy, result);
    }
}
