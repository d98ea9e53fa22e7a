using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.GetPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// The payment as stored, and the error Safaricom's answer caused, if any. A payment exists even when the push
/// failed, so that the client can read it (and, later, retry it) by its id.
/// <see cref="Replayed"/> is true when this answers a repeated Idempotency-Key: the payment of the first request.
/// </summary>
public sealed record InitiatePaymentResponse(PaymentDetails Payment, Error? PushError, bool Replayed = false) : IAboutPayment
{
    public PaymentId PaymentId => new(Payment.Id);
}
