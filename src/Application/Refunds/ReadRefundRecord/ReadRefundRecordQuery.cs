using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ReadRefundRecord;

/// <summary>
/// Reads any client's refund as operators see it (the console). (Not "GetRefundRecord": the module rule test matches
/// namespaces by prefix, and GetRefund is another use case.)
/// </summary>
public sealed record ReadRefundRecordQuery(RefundId RefundId) : IQuery<Result<RefundRecord>>;

public sealed class ReadRefundRecordQueryHandler(IRefundReader reader) : IQueryHandler<ReadRefundRecordQuery, Result<RefundRecord>>
{
    public async ValueTask<Result<RefundRecord>> Handle(ReadRefundRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.FindRecordAsync(query.RefundId, cancellationToken) is { } record ? record : RefundErrors.NotFound(query.RefundId);
    }
}
