namespace Roster.Features.Outbox;

/// <summary>The account's outgoing e-mail, for operators: what is waiting, what was sent, what failed and why.</summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder account)
    {
        var outbox = account.MapGroup("/outbox").WithTags("Roster: outbox");
        outbox.MapGet("/", ListOutbox.HandleAsync)
            .WithSummary("The account's e-mails and their delivery")
            .WithDescription("Newest first: kind, recipient, status, attempts, times and the last error (never the content). "
                + "Filter: status (pending, sent, failed); paging: limit (1–500, default 100) and before (a message id).");
        outbox.MapPost("/{message_id}/retry", RetryOutboxMessage.HandleAsync)
            .WithSummary("Send a failed e-mail again")
            .WithDescription("Puts a failed message back in the queue, due at once, with its attempts counted afresh. Only failed messages.");
        return account;
    }
}
