using Roster.Tests.Infrastructure;

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
    public Task<ProcessRun> RunAsync(params string[] args) => RunAsync(args, null);

    public Task<ProcessRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment) =>
        RosterProcess.RunAsync(["cedar", .. args], Directory, environment);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
