using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Shield.Domain.Common;

namespace Shield.Application.Common.Behaviours;

/// <summary>
/// Logs each message's type, elapsed time and outcome, and the payment it is about (<see cref="IAboutPayment"/>, on the
/// message or on its successful answer). Never the message itself: it holds phone numbers. A query answered
/// successfully is logged at Debug: clients poll GET, reads change nothing, and one Information line per poll was most
/// of the log (and a measurable share of the CPU) under load. Commands and refusals stay Information: a refusal is one
/// line with its stable code.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var name = MessageFacts<TMessage, TResponse>.Name;
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (message is IQuery<TResponse> && response is not Result { IsFailure: true } && !logger.IsEnabled(LogLevel.Debug))
            {
                return response; // an answered query is logged at Debug only
            }

            var payment = MessageFacts<TMessage, TResponse>.PaymentOf(message, response);
            switch (response)
            {
                case Result { Error: { } error } when payment is { } id:
                    LogFailedFor(logger, name, id, elapsed, error.Code);
                    break;
                case Result { Error: { } error }:
                    LogFailed(logger, name, elapsed, error.Code);
                    break;
                case var _ when message is IQuery<TResponse>:
                    LogQueryHandled(logger, name, payment, elapsed);
                    break;
                case var _ when payment is { } id:
                    LogHandledFor(logger, name, id, elapsed);
                    break;
                default:
                    LogHandled(logger, name, elapsed);
                    break;
            }

            return response;
        }
        catch (Exception exception) when (MessageFacts<TMessage, TResponse>.ExpectedRefusal(exception) is { } code)
        {
            // An expected refusal thrown rather than returned (invalid input, a race lost through every retry): one
            // Information line with its code, like a returned one.
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (message is IAboutPayment about)
            {
                LogFailedFor(logger, name, about.PaymentId.Value, elapsed, code);
            }
            else
            {
                LogFailed(logger, name, elapsed, code);
            }

            throw;
        }
        catch (Exception exception)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var type = exception.GetType().Name;
            if (message is IAboutPayment about)
            {
                LogThrewFor(logger, name, about.PaymentId.Value, elapsed, type);
            }
            else
            {
                LogThrew(logger, name, elapsed, type);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} for payment {PaymentId} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandledFor(ILogger logger, string message, Guid paymentId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} for payment {PaymentId} answered in {ElapsedMs:0.0} ms")]
    private static partial void LogQueryHandled(ILogger logger, string message, Guid? paymentId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused in {ElapsedMs:0.0} ms: {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, string message, double elapsedMs, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} for payment {PaymentId} refused in {ElapsedMs:0.0} ms: {ErrorCode}")]
    private static partial void LogFailedFor(ILogger logger, string message, Guid paymentId, double elapsedMs, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} threw {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogThrew(ILogger logger, string message, double elapsedMs, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} for payment {PaymentId} threw {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogThrewFor(ILogger logger, string message, Guid paymentId, double elapsedMs, string exceptionType);
}
