using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;

namespace Shield.Application.Payments.ListWaitingPayments;

public sealed class ListWaitingPaymentsQueryHandler(IPaymentOperatorReader reader, TimeProvider clock) : IQueryHandler<ListWaitingPaymentsQuery, WaitingPaymentPage>
{
    public async ValueTask<WaitingPaymentPage> Handle(ListWaitingPaymentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListWaitingAsync(clock.GetUtcNow(), query.Page, query.PageSize, cancellationToken);
    }
}
