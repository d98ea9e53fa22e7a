using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListPayments;

/// <summary>Reads through the query side, as GET does: a page of payments projected as clients see them.</summary>
public sealed class ListPaymentsQueryHandler(IPaymentDetailsReader reader) : IQueryHandler<ListPaymentsQuery, PaymentPage>
{
    public async ValueTask<PaymentPage> Handle(ListPaymentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new PaymentFilter(
            query.Status,
            query.PhoneNumber is null ? null : Msisdn.Parse(query.PhoneNumber),
            query.AccountReference is null ? null : AccountReference.Parse(query.AccountReference),
            query.CreatedFrom?.ToUniversalTime(),
            query.CreatedTo?.ToUniversalTime());
        return await reader.ListAsync(query.ClientId, filter, query.Page, query.PageSize, cancellationToken);
    }
}
