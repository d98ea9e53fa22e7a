using Mediator;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetPaymentRecord;

/// <summary>Everything stored about one payment, whichever client's, for the operator's timeline (<see cref="PaymentRecord"/>).</summary>
public sealed record GetPaymentRecordQuery(PaymentId PaymentId) : IQuery<Result<PaymentRecord>>, IAboutPayment;
