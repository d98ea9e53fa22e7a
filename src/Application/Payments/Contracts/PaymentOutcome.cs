using Shield.Application.Common.Behaviours;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// What a command that changes a payment answers (initiate, retry, verify): the payment as it now stands, and the
/// error Safaricom's answer caused, if any. A payment exists even when the push failed, so that the client can read it
/// (and later retry it) by its id. <see cref="Replayed"/>: the answer to a repeated Idempotency-Key, the first request's payment.
/// </summary>
public sealed record PaymentOutcome(PaymentDetails Payment, Error? Error = null, bool Replayed = false) : IAboutPayment
{
    public PaymentId PaymentId => new(Payment.Id);
}
