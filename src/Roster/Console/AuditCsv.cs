using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;

namespace Roster.ConsolePages;

/// <summary>
/// CSV as RFC 4180 has it (comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
/// quotes doubled), and safe to open in a spreadsheet: a field that starts like a formula (<c>= + - @</c>, a tab or a
/// carriage return) gets a leading apostrophe, so a user named <c>=HYPERLINK(…)</c> stays text.
/// </summary>
public static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Row(params string?[] fields) => string.Join(",", fields.Select(Field)) + "\r\n";
}

/// <summary>
/// The audit log's export: every event that matches the filters, newest first, written as it is read, a batch of
/// <see cref="BatchSize"/> at a time through the same keyset paging as the page, so a log of millions of events is never
/// held in memory and events recorded during the download do not shift it.
/// </summary>
public sealed class AuditCsvResult(string accountId, AuditEventFilter filter, RosterDb db, string fileName) : IActionResult
{
    public const int BatchSize = 1000;

    public static readonly string[] Header =
    [
        "id", "time", "actor_type", "actor_id", "actor_name", "actor_email", "action", "action_name", "target_type", "target_id",
        "target_name", "target_email", "changes", "before", "after", "client_address", "user_agent", "request_id",
    ];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
        // Note: with a byte order mark, so spreadsheets read the names as UTF-8.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Csv.Row(Header));
        // Note: the time range is turned into ids once, not for every batch.
        if (await ListAuditEvents.NarrowAsync(accountId, filter, db, ct) is not { } narrowed)
        {
            return;
        }
        var before = narrowed.Before;
        do
        {
            var page = await ListAuditEvents.RunAsync(accountId, narrowed with { Before = before }, BatchSize, db, ct);
            foreach (var e in page.Events)
            {
                var (actor, target) = (AuditLogText.ActorOf(page, e), AuditLogText.TargetUserOf(page, e));
                await writer.WriteAsync(Csv.Row(
                    e.Id.ToString(CultureInfo.InvariantCulture), AuditLogText.IsoTime(e.OccurredAt), e.ActorType.Wire(), e.ActorId,
                    actor?.Name, actor?.Email, e.Action.Wire(), AuditLogText.ActionName(e.Action), e.TargetType, e.TargetId,
                    target?.Name, target?.Email, AuditLogText.ChangesLine(e.Before, e.After), e.Before, e.After, e.ClientAddress, e.UserAgent,
                    e.RequestId));
            }
            await writer.FlushAsync(ct);
            before = page.NextBefore;
        }
        while (before is not null);
    }
}
