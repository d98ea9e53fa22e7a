using Mapster;
using Mediator;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetPayment;

public sealed class GetPaymentQueryHandler(IPaymentRepository payments, TypeAdapterConfig mapping)
    : IQueryHandler<GetPaymentQuery, Result<PaymentDetails>>
{
    public async ValueTask<Result<PaymentDetails>> Handle(GetPaymentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var payment = await payments.FirstOrDefaultAsync(new PaymentByIdSpec(query.PaymentId, query.ClientId), cancellationToken);
        return payment is null
            ? PaymentErrors.NotFound(query.PaymentId)
            : payment.Adapt<PaymentDetails>(mapping);
    }
}
