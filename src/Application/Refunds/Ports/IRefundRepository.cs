using Shield.Application.Common.Persistence;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>The write side of refunds: aggregates loaded tracked, saved by the shared unit of work.</summary>
public interface IRefundRepository
{
    IUnitOfWork UnitOfWork { get; }

    void Add(Refund refund);

    Task<Refund?> FindAsync(RefundId id, CancellationToken cancellationToken);

    Task<Refund?> FindByIdempotencyKeyAsync(ClientId clientId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The refund Daraja acknowledged with either id (a result carries both).</summary>
    Task<Refund?> FindByConversationAsync(string? conversationId, string? originatorConversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The refunds of the payment whose receipt is <paramref name="receiptNumber"/> that Daraja never acknowledged (no
    /// conversation id: a result cannot name them) and that may have been sent (still open, or answered by no answer),
    /// at most two: a result is matched by receipt only when one alone fits. Never one AwaitingApproval (nothing was sent).
    /// </summary>
    Task<IReadOnlyList<Refund>> ListUnacknowledgedByReceiptAsync(string receiptNumber, CancellationToken cancellationToken);

    /// <summary>The refund whose Transaction Status query Daraja acknowledged with either id.</summary>
    Task<Refund?> FindByVerificationAsync(string? conversationId, string? originatorConversationId, CancellationToken cancellationToken);

    /// <summary>KES already refunded of the payment (its Succeeded refunds).</summary>
    Task<int> RefundedAmountAsync(PaymentId paymentId, CancellationToken cancellationToken);

    /// <summary>How many refunds the client requested since <paramref name="since"/>.</summary>
    Task<int> CountRequestedSinceAsync(ClientId clientId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Open refunds (Pending or Unknown) that Shield can still do something about (not those waiting for a person), oldest
    /// first, at most <paramref name="take"/>: the reconciler asks each what to do. Never one AwaitingApproval: nothing was sent.
    /// </summary>
    Task<IReadOnlyList<RefundId>> ListOpenAsync(int take, CancellationToken cancellationToken);
}
