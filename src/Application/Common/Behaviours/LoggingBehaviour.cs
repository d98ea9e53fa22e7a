using System.Diagnostics;
using System.Reflection;
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
    /// <summary>For <c>Result&lt;T&gt;</c> answers whose value is about a payment, how to read that value (null otherwise).</summary>
    private static readonly PropertyInfo? ResultValue = typeof(TResponse) is { IsGenericType: true } type
        && type.GetGenericTypeDefinition() == typeof(Result<>) && typeof(IAboutPayment).IsAssignableFrom(type.GetGenericArguments()[0])
            ? type.GetProperty(nameof(Result<object>.Value))
            : null;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).Name;
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (message is IQuery<TResponse> && response is not Result { IsFailure: true } && !logger.IsEnabled(LogLevel.Debug))
            {
                return response; // an answered query is logged at Debug only
            }

            var payment = PaymentOf(message, response);
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
        catch (Exception exception) when (ExpectedRefusal(exception) is { } code)
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

    /// <summary>The stable code of an exception that is an expected refusal (the API answers it 400 or 409), or null.</summary>
    private static string? ExpectedRefusal(Exception exception) => exception switch
    {
        FluentValidation.ValidationException => "validation_failed",
        Persistence.ConcurrencyConflictException => "concurrency_conflict",
        _ => null,
    };

    /// <summary>The payment the message, or its successful answer, is about; null when it is about none.</summary>
    private static Guid? PaymentOf(TMessage message, TResponse response) => message switch
    {
        IAboutPayment about => about.PaymentId.Value,
        _ when response is IAboutPayment answer => answer.PaymentId.Value,
        _ when ResultValue is not null && response is Result { IsSuccess: true } => (ResultValue.GetValue(response) as IAboutPayment)?.PaymentId.Value,
        _ => null,
    };

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
