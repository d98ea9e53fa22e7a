using Shield.Domain.Payments;

namespace Shield.Application.Common.Behaviours;

/// <summary>
/// An answer that is about a payment once it is known (a callback, once matched to its payment): the pipeline's log
/// line and span name it then, as for <see cref="IAboutPayment"/>.
/// </summary>
public interface IMayBeAboutPayment
{
    PaymentId? PaymentId { get; }
}
