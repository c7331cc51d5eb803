using System.Diagnostics;

namespace Roster.Tests.Infrastructure;

/// <summary>
/// Runs Roster's own build (the one beside this test build, same configuration) as a real process, the way a
/// user runs <c>./roster</c>. <c>ROSTER_DATABASE</c> and <c>Roster__…</c> settings are removed from its environment so that
/// only the arguments and the test's own settings apply.
/// </summary>
public static class RosterProcess
{
    public static async Task<ProcessRun> RunAsync(
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        int timeoutSeconds = 120)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }

    /// <summary>Starts a command that keeps running (<c>serve</c>), stdout and stderr redirected; disposing it kills the process.</summary>
    public static RunningProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null) =>
        new(Process.Start(StartInfo(args, workingDirectory, environment))!);

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment)
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
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Roster__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    public static Task<ProcessRun> RunAsync(params string[] args) => RunAsync(args, null);

    private static string RosterDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Repository.Root, "src", "Roster", "bin", testBin.Parent!.Name, testBin.Name, "Roster.dll");
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

/// <summary>A Roster process left running: its output so far, line by line, and a way to wait for a line.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    internal RunningProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join("\n", _stderr);
            }
        }
    }

    /// <summary>Waits until a stdout line matches and returns it; fails when the process ends first or the time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, int timeoutSeconds = 180)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (StdoutLines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            Assert.False(_process.HasExited, $"The process ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before the line expected:\n{this}");
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(timeoutSeconds), $"No line expected within {timeoutSeconds} s:\n{this}");
            await Task.Delay(50);
        }
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> does: no shutdown, requests in flight are cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public override string ToString() => $"stdout:\n{string.Join("\n", StdoutLines)}\nstderr:\n{Stderr}";

    private static void Keep(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
