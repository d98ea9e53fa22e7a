using System.Reflection;
using Mediator;
using Shield.Domain.Common;

namespace Shield.Application.Common.Behaviours;

/// <summary>
/// What the pipeline behaviours say about a message and its answer: the payment it is about, and the stable code of an
/// exception that is an expected refusal. One place, so that the log line and the span name the same payment and code.
/// </summary>
internal static class MessageFacts<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    /// <summary>For <c>Result&lt;T&gt;</c> answers whose value is about a payment, how to read that value (null otherwise).</summary>
    private static readonly PropertyInfo? ResultValue = typeof(TResponse) is { IsGenericType: true } type
        && type.GetGenericTypeDefinition() == typeof(Result<>) && typeof(IAboutPayment).IsAssignableFrom(type.GetGenericArguments()[0])
            ? type.GetProperty(nameof(Result<object>.Value))
            : null;

    /// <summary>The message's type name: the log line's and the span's name.</summary>
    public static readonly string Name = typeof(TMessage).Name;

    /// <summary>The payment the message, or its successful answer, is about; null when it is about none.</summary>
    public static Guid? PaymentOf(TMessage message, TResponse response) => message switch
    {
        IAboutPayment about => about.PaymentId.Value,
        _ when response is IAboutPayment answer => answer.PaymentId.Value,
        _ when response is IMayBeAboutPayment { PaymentId: { } matched } => matched.Value,
        _ when ResultValue is not null && response is Result { IsSuccess: true } => (ResultValue.GetValue(response) as IAboutPayment)?.PaymentId.Value,
        _ => null,
    };

    /// <summary>The payment the message itself is about (known before it is handled), or null.</summary>
    public static Guid? PaymentOf(TMessage message) => message is IAboutPayment about ? about.PaymentId.Value : null;

    /// <summary>The stable code of an exception that is an expected refusal (the API answers it 400 or 409), or null.</summary>
    public static string? ExpectedRefusal(Exception exception) => exception switch
    {
        FluentValidation.ValidationException => "validation_failed",
        Persistence.ConcurrencyConflictException => "concurrency_conflict",
        _ => null,
    };
}
