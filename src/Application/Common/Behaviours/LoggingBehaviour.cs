using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Shield.Domain.Common;

namespace Shield.Application.Common.Behaviours;

/// <summary>
/// Logs each message's type, elapsed time and outcome. Never the message itself: it holds phone numbers. A query
/// answered successfully is logged at Debug: clients poll GET, reads change nothing, and one Information line per
/// poll was most of the log (and a measurable share of the CPU) under load. Commands and refusals stay Information.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).Name;
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is Result { Error: { } error })
            {
                LogFailed(logger, name, elapsed, error.Code);
            }
            else if (message is IQuery<TResponse>)
            {
                LogQueryHandled(logger, name, elapsed);
            }
            else
            {
                LogHandled(logger, name, elapsed);
            }

            return response;
        }
        catch (Exception exception)
        {
            LogThrew(logger, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogQueryHandled(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused in {ElapsedMs:0.0} ms: {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, string message, double elapsedMs, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} threw {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogThrew(ILogger logger, string message, double elapsedMs, string exceptionType);
}
