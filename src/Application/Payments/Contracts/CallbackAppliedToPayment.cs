using Shield.Domain.Callbacks;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// An unmatched STK callback an operator applied to a payment: the callback's outcome (Applied; FlaggedForReview when
/// it does not fit the payment or completes it a second time), the attempt it was attached to, and the payment as it now stands.
/// </summary>
public sealed record CallbackAppliedToPayment(Guid CallbackId, CallbackOutcome Outcome, int AttemptNumber, PaymentDetails Payment);
