using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.GetRefundRecord;

/// <summary>Reads any client's refund as operators see it (the console).</summary>
public sealed record GetRefundRecordQuery(RefundId RefundId) : IQuery<Result<RefundRecord>>;

public sealed class GetRefundRecordQueryHandler(IRefundReader reader) : IQueryHandler<GetRefundRecordQuery, Result<RefundRecord>>
{
    public async ValueTask<Result<RefundRecord>> Handle(GetRefundRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.FindRecordAsync(query.RefundId, cancellationToken) is { } record ? record : RefundErrors.NotFound(query.RefundId);
    }
}
