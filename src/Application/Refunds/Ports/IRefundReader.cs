using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>The query side of refunds: what a client sees (and an operator, across clients), read straight from storage.</summary>
public interface IRefundReader
{
    /// <summary>The client's refund, or null (none, or another client's).</summary>
    Task<RefundDetails?> FindAsync(ClientId clientId, RefundId refundId, CancellationToken cancellationToken);

    /// <summary>One page of the client's refunds matching <paramref name="filter"/>, newest first, and how many match.</summary>
    Task<RefundPage> ListAsync(ClientId clientId, RefundFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Any client's refund as operators see it, or null.</summary>
    Task<RefundRecord?> FindRecordAsync(RefundId refundId, CancellationToken cancellationToken);

    /// <summary>One page of refunds of every client (or of <paramref name="clientId"/>) matching <paramref name="filter"/>, newest first, as operators see them.</summary>
    Task<RefundRecordPage> ListRecordsAsync(ClientId? clientId, RefundFilter filter, int page, int pageSize, CancellationToken cancellationToken);
}
