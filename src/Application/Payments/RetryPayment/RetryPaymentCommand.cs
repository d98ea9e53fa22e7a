using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Common.Behaviours;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>Starts a new attempt (a new PIN prompt) for a Failed, Cancelled or Expired payment.</summary>
/// <param name="ClientId">The client that owns the payment.</param>
/// <param name="PaymentId">The payment to retry.</param>
/// <param name="AcknowledgeOutcomeUnknown">
/// The caller knows the last push's outcome was never learned (the customer may have paid) and retries anyway.
/// </param>
public sealed record RetryPaymentCommand(ClientId ClientId, PaymentId PaymentId, bool AcknowledgeOutcomeUnknown = false)
    : ICommand<Result<PaymentOutcome>>, IAboutPayment;
