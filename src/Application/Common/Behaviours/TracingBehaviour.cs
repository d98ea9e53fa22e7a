using System.Diagnostics;
using Mediator;
using Shield.Application.Common.Telemetry;
using Shield.Domain.Common;

namespace Shield.Application.Common.Behaviours;

/// <summary>
/// One span per command and query (<see cref="ShieldTelemetry.Source"/>), named for the message's type, first in the
/// pipeline so that it covers logging and validation. It names the payment the message or its answer is about
/// (<see cref="ShieldTelemetry.PaymentIdAttribute"/>, the facts <see cref="LoggingBehaviour{TMessage, TResponse}"/> uses), on
/// itself and on the HTTP request span it runs in, so a request is found by its payment. A refusal (a returned error, an
/// expected exception) sets the error status with its stable code; any other exception, its type. Never the message
/// itself, nor an exception's message: they may hold phone numbers. With no listener (telemetry off) no span is made.
/// </summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    /// <summary>The span attribute holding the stable code of a refusal, or the exception type (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeAttribute = "error.type";

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        using var activity = ShieldTelemetry.Source.StartActivity(MessageFacts<TMessage, TResponse>.Name);
        if (activity is null)
        {
            return await next(message, cancellationToken);
        }

        if (MessageFacts<TMessage, TResponse>.PaymentOf(message) is { } known)
        {
            activity.SetTag(ShieldTelemetry.PaymentIdAttribute, known);
        }

        try
        {
            var response = await next(message, cancellationToken);
            if (MessageFacts<TMessage, TResponse>.PaymentOf(message, response) is { } payment)
            {
                TagPayment(activity, payment);
            }

            if (response is Result { Error: { } error })
            {
                Fail(activity, error.Code);
            }

            return response;
        }
        catch (Exception exception)
        {
            Fail(activity, MessageFacts<TMessage, TResponse>.ExpectedRefusal(exception) ?? exception.GetType().FullName ?? exception.GetType().Name);
            throw;
        }
    }

    private static void Fail(Activity activity, string code)
    {
        activity.SetStatus(ActivityStatusCode.Error, code);
        activity.SetTag(ErrorTypeAttribute, code);
    }

    /// <summary>Names the payment on this span and on the HTTP request span it runs in (in this process), if any.</summary>
    private static void TagPayment(Activity activity, Guid payment)
    {
        activity.SetTag(ShieldTelemetry.PaymentIdAttribute, payment);
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Kind == ActivityKind.Server)
            {
                parent.SetTag(ShieldTelemetry.PaymentIdAttribute, payment);
                break;
            }
        }
    }
}
