using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Roster.Tests.Outbox;

/// <summary>One line the server logged.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message);

/// <summary>Every line the host logs, kept to read what an operator would see.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && category.StartsWith("Roster", StringComparison.Ordinal))
            {
                lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception)));
            }
        }
    }
}
