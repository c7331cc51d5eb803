using System.Diagnostics;
using MimeKit;

namespace Roster.Tests.Outbox;

/// <summary>
/// A real SMTP server on a loopback port (smtp_sink.py, on Debian's python3-aiosmtpd): each message it accepts is a
/// file in <see cref="Directory"/>; <see cref="Refuse"/> makes it answer 451. Disposing it stops it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync(string directory, string? user = null, string? password = null)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Outbox", "smtp_sink.py"), "--directory", directory })
        {
            start.ArgumentList.Add(arg);
        }
        if (user is not null)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password ?? "");
        }
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            Assert.Fail($"The test mail server did not start (is python3-aiosmtpd installed?): {line} {error}");
        }
        return new SmtpSink(process, directory, int.Parse(line!["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>While true, every message is answered 451 (a failure that may pass).</summary>
    public void Refuse(bool refuse)
    {
        var flag = Path.Combine(Directory, "refuse");
        if (refuse) File.WriteAllText(flag, "");
        else File.Delete(flag);
    }

    /// <summary>Every message received so far, parsed.</summary>
    public List<MimeMessage> Messages() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    /// <summary>The messages to <paramref name="recipient"/>, once there are at least <paramref name="count"/>.</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string recipient, int count = 1, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == recipient)).ToList();
            if (found.Count >= count)
            {
                return found;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"No message to {recipient} arrived in {seconds} s.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Note: already gone.
        }
        _process.Dispose();
        await Task.CompletedTask;
    }
}
