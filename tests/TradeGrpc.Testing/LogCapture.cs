using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.Testing;

/// <summary>One line a host logged, as its message template rendered it.</summary>
public sealed record LogLine(LogLevel Level, string Message, Exception? Exception);

/// <summary>
/// Keeps the lines logged through a logger factory it is added to, for tests of what a service
/// says in its log: what the factory's filters let through, by category.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LogLine>> categories = new();

    /// <summary>The lines logged under the category of <typeparamref name="T"/> (what <c>ILogger&lt;T&gt;</c> writes), oldest first.</summary>
    public IReadOnlyList<LogLine> Of<T>() => categories.TryGetValue(typeof(T).FullName!, out var lines) ? [.. lines] : [];

    /// <summary>Every line logged, whatever its category.</summary>
    public IReadOnlyList<(string Category, LogLine Line)> All => [.. categories.SelectMany(c => c.Value.Select(line => (c.Key, line)))];

    public ILogger CreateLogger(string categoryName) => new Logger(categories.GetOrAdd(categoryName, _ => new ConcurrentQueue<LogLine>()));

    public void Dispose()
    {
        // Nothing is held but the lines.
    }

    private sealed class Logger(ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));
    }
}
