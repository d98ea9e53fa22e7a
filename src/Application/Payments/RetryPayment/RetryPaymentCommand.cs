using Mediator;
using Shield.Application.Payments.InitiatePayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>Starts a new attempt (a new PIN prompt) for a Failed, Cancelled or Expired payment.</summary>
public sealed record RetryPaymentCommand(ClientId ClientId, PaymentId PaymentId) : ICommand<Result<InitiatePaymentResponse>>;
