using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// Starts a payment: the customer gets an M-Pesa PIN prompt. Fields arrive as the client sent them and are
/// validated before the handler runs; Description is optional, and Currency, when given, must be KES.
/// </summary>
public sealed record InitiatePaymentCommand(ClientId ClientId, string? PhoneNumber, decimal? Amount, string? AccountReference,
    string? Description, string? IdempotencyKey, string? Currency = null) : ICommand<Result<PaymentOutcome>>;
