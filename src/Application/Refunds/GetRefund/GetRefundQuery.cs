using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.GetRefund;

/// <summary>Reads one of the client's refunds.</summary>
public sealed record GetRefundQuery(ClientId ClientId, RefundId RefundId) : IQuery<Result<RefundDetails>>;

public sealed class GetRefundQueryHandler(IRefundReader reader) : IQueryHandler<GetRefundQuery, Result<RefundDetails>>
{
    public async ValueTask<Result<RefundDetails>> Handle(GetRefundQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.FindAsync(query.ClientId, query.RefundId, cancellationToken) is { } refund ? refund : RefundErrors.NotFound(query.RefundId);
    }
}
