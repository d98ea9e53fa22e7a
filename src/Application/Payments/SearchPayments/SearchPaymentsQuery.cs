using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.SearchPayments;

/// <summary>An operator's search of every client's payments (<see cref="PaymentSearchCriteria"/>), newest first, paged, with how many match.</summary>
public sealed record SearchPaymentsQuery(PaymentSearchCriteria Criteria, int Page = 1, int PageSize = OperatorPaging.DefaultPageSize)
    : IQuery<PaymentSearchPage>, IPagedQuery;
