using System.Diagnostics;

namespace Roster.Tests.Cli;

/// <summary>
/// Runs <c>roster cedar …</c> as the real process, in a temporary folder of files the test writes.
/// No database is configured: the cedar commands must not need one.
/// </summary>
public sealed class CedarProcess : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("roster-cedar-cli-").FullName;

    /// <summary>Writes <paramref name="content"/> to a file of the folder and returns its full path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs <c>roster cedar ARGS</c> in the folder (so relative paths name its files).</summary>
    public async Task<CedarRun> RunAsync(params string[] args) => await RunAsync(args, null);

    public async Task<CedarRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        start.ArgumentList.Add(RosterDll());
        start.ArgumentList.Add("cedar");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("ROSTER_DATABASE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CedarRun(process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>The server's own build, beside this test build (same configuration).</summary>
    private static string RosterDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "Roster", "bin", testBin.Parent!.Name, testBin.Name, "Roster.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }
}

/// <summary>What a run of the process gave: exit status, stdout and stderr (line ends normalised).</summary>
public sealed record CedarRun(int Exit, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {Exit}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
