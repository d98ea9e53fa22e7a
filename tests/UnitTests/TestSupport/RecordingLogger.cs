using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shield.UnitTests.TestSupport;

/// <summary>Keeps each entry's level and message, with every level from <paramref name="minimum"/> up enabled (all by default).</summary>
public sealed class RecordingLogger<T>(LogLevel minimum = LogLevel.Trace) : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
