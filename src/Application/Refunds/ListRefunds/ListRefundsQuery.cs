using Mediator;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ListRefunds;

/// <summary>The client's refunds, newest first, filtered (payment, status, creation dates) and paged.</summary>
public sealed record ListRefundsQuery(ClientId ClientId, Guid? PaymentId, RefundStatus? Status, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo,
    int Page = 1, int PageSize = ListRefundsQuery.DefaultPageSize) : IQuery<RefundPage>, IRefundListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListRefundsQueryHandler(IRefundReader reader) : IQueryHandler<ListRefundsQuery, RefundPage>
{
    public async ValueTask<RefundPage> Handle(ListRefundsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListAsync(query.ClientId,
            new RefundFilter(query.PaymentId, query.Status, query.CreatedFrom?.ToUniversalTime(), query.CreatedTo?.ToUniversalTime()), query.Page,
            query.PageSize, cancellationToken);
    }
}

public sealed class ListRefundsQueryValidator() : RefundListValidator<ListRefundsQuery>(ListRefundsQuery.MaxPageSize);
