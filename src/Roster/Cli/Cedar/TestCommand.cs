using System.CommandLine;
using System.Text;
using System.Text.Json;
using Roster.Common;
using Roster.Authorization.Cedar;

namespace Roster.Cli.Cedar;

/// <summary>
/// <c>cedar test</c>: runs policy test suites (see <see cref="TestSuite"/>) in one process and reports each
/// request whose decision, reasons or erroring policies differ from what the suite expects.
/// </summary>
internal static class TestCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "A test suite, or a JSON array of suites." };
        var json = new Option<bool>("--json") { Description = "One JSON line per request: suite, name, decision, reasons, errors, passed." };
        var command = new Command("test", "Run policy test suites; ends with `N passed, N failed`. Exit 0 when all pass, 2 when any fails, 1 for unusable input.")
        {
            file, json,
        };
        command.SetAction(result => CedarCommand.Run(stdout => Run(stdout, result.GetValue(file)!, result.GetValue(json))));
        return command;
    }

    private static int Run(TextWriter stdout, string path, bool json)
    {
        var suites = TestSuite.ReadFile(path);
        int passed = 0, failed = 0;
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer, CedarCommand.JsonOutput);
        foreach (var suite in suites)
        {
            foreach (var test in suite.Requests)
            {
                var response = suite.Policies.IsAuthorized(test.Request, suite.Entities);
                var errors = response.Errors.Select(e => e.PolicyId).Distinct().ToList();
                var ok = response.Decision == test.Decision
                    && (test.Reasons is null || SameIds(test.Reasons, response.Reasons))
                    && (test.Errors is null || SameIds(test.Errors, errors));
                if (ok) passed++;
                else failed++;
                if (json) WriteLine(stdout, writer, buffer, suite.Name, test.Name, response, errors, ok);
                else if (!ok) WriteMismatch(stdout, suite.Name, test, response);
            }
        }
        var summary = $"{passed} passed, {failed} failed";
        if (json) Console.Error.WriteLine(summary);
        else stdout.WriteLine(summary);
        return failed == 0 ? CedarCommand.Success : CedarCommand.Negative;
    }

    private static bool SameIds(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        expected.ToHashSet(StringComparer.Ordinal).SetEquals(actual);

    private static void WriteMismatch(TextWriter stdout, string suite, SuiteRequest test, AuthorizationResponse response)
    {
        stdout.WriteLine($"FAIL {suite} / {test.Name}");
        stdout.WriteLine($"  expected: {test.Decision.ToString().ToLowerInvariant()}{Ids("reasons", test.Reasons)}{Ids("errors", test.Errors)}");
        stdout.WriteLine($"  got:      {response.Decision.Wire()}{Ids("reasons", response.Reasons)}{Ids("errors", response.Errors.Select(e => e.PolicyId).Distinct().ToList())}");
        foreach (var error in response.Errors) stdout.WriteLine($"  error in {error.PolicyId}: {error.Message}");
    }

    private static string Ids(string what, IReadOnlyList<string>? ids) =>
        ids is null ? "" : $", {what} [{string.Join(", ", ids.Order(StringComparer.Ordinal))}]";

    private static void WriteLine(TextWriter stdout, Utf8JsonWriter writer, MemoryStream buffer, string suite, string name,
        AuthorizationResponse response, IReadOnlyList<string> errors, bool passed)
    {
        buffer.SetLength(0);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("suite", suite);
        writer.WriteString("name", name);
        writer.WriteString("decision", response.Decision.Wire());
        writer.WriteStartArray("reasons");
        foreach (var reason in response.Reasons) writer.WriteStringValue(reason);
        writer.WriteEndArray();
        writer.WriteStartArray("errors");
        foreach (var error in errors) writer.WriteStringValue(error);
        writer.WriteEndArray();
        writer.WriteBoolean("passed", passed);
        writer.WriteEndObject();
        writer.Flush();
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
