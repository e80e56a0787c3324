using Microsoft.Extensions.Logging;
using Traefik.GitOps.Security;

namespace Traefik.Mcp.Cli;

/// <summary>
/// Writes log lines at or above a level to a text writer: stderr for the command line and for the stdio server
/// (whose stdout carries the protocol), and for the HTTP server. One line per entry, written as it happens,
/// with the process's credentials masked (<see cref="SecretRedactor"/>), exceptions included.
/// </summary>
/// <remarks>
/// The stdio server used the console logger before; its queue, background thread, formatters and options
/// plumbing were a measurable part of the framework-dependent start-up, for lines that only ever go to stderr.
/// </remarks>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum = LogLevel.Warning, SecretRedactor? redactor = null) : ILoggerProvider
{
    private readonly SecretRedactor _redactor = redactor ?? new SecretRedactor();

    /// <summary>The host's own "Hosting failed to start" entry (a stack trace): traefik-mcp reports that failure itself, in one line with the reason.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostingStartupFailed = 11;

    public ILogger CreateLogger(string categoryName) => new Logger(writer, minimum, _redactor, categoryName == HostCategory ? HostingStartupFailed : null);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer, LogLevel minimum, SecretRedactor redactor, int? skippedEvent = null) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && eventId.Id != skippedEvent)
            {
                lock (writer)
                {
                    writer.WriteLine(redactor.Redact("traefik-mcp: " + Label(logLevel) + formatter(state, exception) + (exception is null ? string.Empty : Environment.NewLine + exception)));
                }
            }
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Warning or LogLevel.Error or LogLevel.Critical => string.Empty,
            _ => level.ToString().ToLowerInvariant() + ": ",
        };
    }
}
