using Mapster;
using Mediator;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListPayments;

public sealed class ListPaymentsQueryHandler(IPaymentRepository payments, TypeAdapterConfig mapping)
    : IQueryHandler<ListPaymentsQuery, PaymentPage>
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

        var total = await payments.CountAsync(new PaymentsForClientSpec(query.ClientId, filter), cancellationToken);
        var page = total == 0
            ? []
            : await payments.ListAsync(new PaymentsForClientSpec(query.ClientId, filter, query.Page, query.PageSize), cancellationToken);
        return new PaymentPage(page.Select(p => p.Adapt<PaymentDetails>(mapping)).ToList(), query.Page, query.PageSize, total);
    }
}
