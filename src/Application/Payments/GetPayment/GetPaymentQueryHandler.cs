using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetPayment;

/// <summary>Reads through the query side (<see cref="IPaymentDetailsReader"/>): GET is the most frequent request, and needs no aggregate.</summary>
public sealed class GetPaymentQueryHandler(IPaymentDetailsReader reader)
    : IQueryHandler<GetPaymentQuery, Result<PaymentDetails>>
{
    public async ValueTask<Result<PaymentDetails>> Handle(GetPaymentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var details = await reader.FindAsync(query.ClientId, query.PaymentId, cancellationToken);
        return details is null ? PaymentErrors.NotFound(query.PaymentId) : details;
    }
}
