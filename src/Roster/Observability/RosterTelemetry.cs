using System.Diagnostics;
using System.Diagnostics.Metrics;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Common;
using Roster.Features.SignIn;

namespace Roster.Observability;

/// <summary>
/// Roster's own metrics and traces, all in one place: one <see cref="Meter"/> and one <see cref="ActivitySource"/>
/// named <see cref="Name"/>. The code that makes a decision, compiles a policy set, delivers a mail or signs someone in
/// calls one method here; what is measured, and under which names and tags, is read in this file alone.
/// </summary>
public static class RosterTelemetry
{
    public const string Name = "Roster";

    public const string Decisions = "roster.authorization.decisions";
    public const string Compilations = "roster.policy_set.compilations";
    public const string CompilationDuration = "roster.policy_set.compilation.duration";
    public const string MailDeliveries = "roster.outbox.deliveries";
    public const string SignIns = "roster.sign_ins";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter _meter = new(Name);

    private static readonly Counter<long> _decisions = _meter.CreateCounter<long>(Decisions, "{decision}",
        "Authorization decisions, by decision (allow, deny) and the kind of principal asked about.");

    private static readonly Counter<long> _compilations = _meter.CreateCounter<long>(Compilations, "{compilation}",
        "Compilations of an account's Cedar policy set, by outcome (success, error).");

    private static readonly Histogram<double> _compilationDuration = _meter.CreateHistogram<double>(CompilationDuration, "s",
        "How long compiling an account's Cedar policy set took.");

    private static readonly Counter<long> _mailDeliveries = _meter.CreateCounter<long>(MailDeliveries, "{attempt}",
        "Outbox delivery attempts, by outcome (sent; retry: failed, to be tried again; failed: given up) and kind of mail.");

    private static readonly Counter<long> _signIns = _meter.CreateCounter<long>(SignIns, "{sign_in}",
        "Sign-in attempts, by outcome (success, failure, locked) and method (password or the external provider).");

    /// <summary>One answer of the Decider.</summary>
    public static void Decided(Decision decision, PrincipalType principal) =>
        _decisions.Add(1, new("decision", decision.Wire()), new("principal_type", principal.Wire()));

    /// <summary>Starts the trace span of a policy set's compilation; <see cref="Compiled"/> records how it went.</summary>
    public static Activity? CompilingPolicySet(string accountId) =>
        Source.StartActivity("roster.policy_set.compile")?.SetTag("roster.account_id", accountId);

    public static void Compiled(TimeSpan elapsed, bool succeeded)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "error");
        _compilations.Add(1, outcome);
        _compilationDuration.Record(elapsed.TotalSeconds, outcome);
    }

    /// <summary>Starts the trace span of one outbox delivery attempt (a background job, under no request's trace).</summary>
    public static Activity? DeliveringMail(long messageId) =>
        Source.StartActivity("roster.outbox.deliver")?.SetTag("roster.outbox.message_id", messageId);

    public static void MailSent(string kind) => Delivery("sent", kind);

    /// <summary>A failed attempt: <paramref name="givenUp"/> when no further attempt will be made.</summary>
    public static void MailFailed(string kind, bool givenUp) => Delivery(givenUp ? "failed" : "retry", kind);

    /// <summary>A sign-in decided: a session started (<paramref name="failure"/> null), refused for a lock, or refused otherwise.</summary>
    public static void SignedIn(string method, SignInFailure? failure) =>
        _signIns.Add(1, new("outcome", failure switch
        {
            null => "success",
            SignInFailure.Locked => "locked",
            _ => "failure",
        }), new("method", method));

    private static void Delivery(string outcome, string kind) =>
        _mailDeliveries.Add(1, new("outcome", outcome), new("kind", kind));
}
