using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;

namespace Shield.Application.Payments.SearchPayments;

/// <summary>Reads through the operators' query side: one page of every client's payments matching the search.</summary>
public sealed class SearchPaymentsQueryHandler(IPaymentOperatorReader reader) : IQueryHandler<SearchPaymentsQuery, PaymentSearchPage>
{
    public async ValueTask<PaymentSearchPage> Handle(SearchPaymentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.SearchAsync(PaymentSearch.From(query.Criteria), query.Page, query.PageSize, cancellationToken);
    }
}
