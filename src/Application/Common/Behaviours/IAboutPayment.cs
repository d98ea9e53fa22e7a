using Shield.Domain.Payments;

namespace Shield.Application.Common.Behaviours;

/// <summary>A message, or a response, about one payment: <see cref="LoggingBehaviour{TMessage, TResponse}"/> names the payment in its line.</summary>
public interface IAboutPayment
{
    PaymentId PaymentId { get; }
}
