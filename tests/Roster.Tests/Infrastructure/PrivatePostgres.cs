using System.Diagnostics;

namespace Roster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the test's own, on a free loopback port, that the test may stop and start again (an outage)
/// without touching the server the other tests share. Debian's PostgreSQL binaries; as root, it runs them as postgres.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "roster-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _bin;

    private PrivatePostgres(string bin, int port)
    {
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to the database <paramref name="database"/> on this cluster (Roster creates it).</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).OrderBy(b => int.Parse(Path.GetFileName(Path.GetDirectoryName(b))!)).LastOrDefault();
        Assert.True(bin is not null, "PostgreSQL's binaries are missing: apt-get install postgresql.");
        var cluster = new PrivatePostgres(bin, ServeProcess.FreePort());
        Directory.CreateDirectory(cluster._directory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", cluster._directory], asPostgres: false);
        }
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", cluster.DataDirectory, "--auth=trust", "-U", "postgres"]);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Stops the cluster the way an operator's fast shutdown does: open connections are cut.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    public Task StartAgainAsync() => PgCtlAsync("start");

    /// <summary><c>pg_ctl restart -m fast</c>: open connections are cut and the cluster comes back on the same port.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    private Task PgCtlAsync(string command, params string[] options) => RunAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-w", .. options,
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {DataDirectory} -c fsync=off", command]);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await StopAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> args, bool asPostgres = true)
    {
        var start = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(" ", new[] { program }.Concat(args).Select(Quote))])
            : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(" ", args)}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
