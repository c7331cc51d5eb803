using System.Diagnostics;

namespace Roster.Tests.Infrastructure;

/// <summary>
/// Runs Roster's own build (the one beside this test build, same configuration) as a real process, the way a
/// user runs <c>./roster</c>. <c>ROSTER_DATABASE</c> is removed from its environment so only the arguments choose a database.
/// </summary>
public static class RosterProcess
{
    public static async Task<ProcessRun> RunAsync(
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(RosterDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ROSTER_DATABASE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }

    public static Task<ProcessRun> RunAsync(params string[] args) => RunAsync(args, null);

    private static string RosterDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "Roster", "bin", testBin.Parent!.Name, testBin.Name, "Roster.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }
}

/// <summary>What a run of the process gave: exit status, stdout and stderr (line ends normalised).</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
