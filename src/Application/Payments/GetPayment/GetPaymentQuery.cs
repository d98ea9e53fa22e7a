using Mediator;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetPayment;

/// <summary>Reads one of the client's payments with its attempts.</summary>
public sealed record GetPaymentQuery(ClientId ClientId, PaymentId PaymentId) : IQuery<Result<PaymentDetails>>, IAboutPayment;
