using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Common.Behaviours;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.VerifyPayment;

/// <summary>
/// Asks Safaricom now: a payment waiting for the customer (or settled without paying) is checked with STK Push Query;
/// a completed payment with a receipt is checked with Transaction Status, whose answer arrives later.
/// </summary>
public sealed record VerifyPaymentCommand(ClientId ClientId, PaymentId PaymentId) : ICommand<Result<PaymentOutcome>>, IAboutPayment;
