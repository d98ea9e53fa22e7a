using Mediator;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ListRefundRecords;

/// <summary>
/// Refunds of every client (or of <paramref name="ClientId"/>), newest first, as operators see them (the console):
/// filtered by payment, status (AwaitingApproval for the approval queue), creation dates, and paged.
/// </summary>
public sealed record ListRefundRecordsQuery(ClientId? ClientId, Guid? PaymentId, RefundStatus? Status, DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo, int Page = 1, int PageSize = ListRefundRecordsQuery.DefaultPageSize) : IQuery<RefundRecordPage>, IRefundListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListRefundRecordsQueryHandler(IRefundReader reader) : IQueryHandler<ListRefundRecordsQuery, RefundRecordPage>
{
    public async ValueTask<RefundRecordPage> Handle(ListRefundRecordsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListRecordsAsync(query.ClientId,
            new RefundFilter(query.PaymentId, query.Status, query.CreatedFrom?.ToUniversalTime(), query.CreatedTo?.ToUniversalTime()), query.Page,
            query.PageSize, cancellationToken);
    }
}

public sealed class ListRefundRecordsQueryValidator() : RefundListValidator<ListRefundRecordsQuery>(ListRefundRecordsQuery.MaxPageSize);
