using Mediator;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ApplyCallbackToPayment;

/// <summary>
/// An operator applies an Unmatched STK callback that reads as a success to the payment they chose: it is attached to
/// that payment's latest push whose Daraja answer was lost, then applied as the callback it is (the same rules as any
/// callback: a success that does not fit is flagged for review; a second success flags duplicate_charge).
/// </summary>
/// <param name="CallbackId">The stored callback (its outcome must be Unmatched).</param>
/// <param name="PaymentId">The payment the operator chose (any client's).</param>
/// <param name="AppliedBy">Who: the operator's name, e.g. <c>operator:alice</c>.</param>
public sealed record ApplyCallbackToPaymentCommand(Guid CallbackId, PaymentId PaymentId, string AppliedBy)
    : ICommand<Result<CallbackAppliedToPayment>>, IAboutPayment;
