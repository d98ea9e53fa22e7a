using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetPaymentRecord;

public sealed class GetPaymentRecordQueryHandler(IPaymentOperatorReader reader) : IQueryHandler<GetPaymentRecordQuery, Result<PaymentRecord>>
{
    public async ValueTask<Result<PaymentRecord>> Handle(GetPaymentRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.FindRecordAsync(query.PaymentId, cancellationToken) is { } record ? record : PaymentErrors.NotFound(query.PaymentId);
    }
}
