using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Infrastructure.Persistence;

internal sealed class RefundRepository(ShieldDbContext db, IUnitOfWork unitOfWork) : IRefundRepository
{
    private static readonly List<RefundReview> PersonReviews = [.. Refund.PersonReviews];

    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Refund refund) => db.Refunds.Add(refund);

    public Task<Refund?> FindAsync(RefundId id, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => await db.Refunds.FindAsync([id], cancellationToken));

    public Task<Refund?> FindByIdempotencyKeyAsync(ClientId clientId, string idempotencyKey, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => db.Refunds.AsTracking().FirstOrDefaultAsync(r => r.ClientId == clientId && r.IdempotencyKey == idempotencyKey, cancellationToken));

    public Task<Refund?> FindByConversationAsync(string? conversationId, string? originatorConversationId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => conversationId is null && originatorConversationId is null
            ? null
            : await db.Refunds.AsTracking().FirstOrDefaultAsync(r => (conversationId != null && r.ConversationId == conversationId)
                || (originatorConversationId != null && r.OriginatorConversationId == originatorConversationId), cancellationToken));

    public Task<IReadOnlyList<Refund>> ListUnacknowledgedByReceiptAsync(string receiptNumber, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<Refund>)await db.Refunds.AsTracking()
            // Never acknowledged, and still being sent or maybe sent (not one Daraja refused, one withdrawn unsent, or one
            // still awaiting approval: nothing was sent).
            .Where(r => r.ReceiptNumber == receiptNumber && r.ConversationId == null && r.OriginatorConversationId == null
                && r.Status != RefundStatus.AwaitingApproval && (r.OpenPaymentId != null || r.NoAnswer != null))
            .Take(2).ToListAsync(cancellationToken));

    public Task<Refund?> FindByVerificationAsync(string? conversationId, string? originatorConversationId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => conversationId is null && originatorConversationId is null
            ? null
            : await db.Refunds.AsTracking().FirstOrDefaultAsync(r => (conversationId != null && r.VerificationConversationId == conversationId)
                || (originatorConversationId != null && r.VerificationOriginatorConversationId == originatorConversationId), cancellationToken));

    public Task<int> RefundedAmountAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => db.Refunds.Where(r => r.PaymentId == paymentId && r.Status == RefundStatus.Succeeded).SumAsync(r => r.Amount, cancellationToken));

    public Task<int> CountRequestedSinceAsync(ClientId clientId, DateTimeOffset since, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => db.Refunds.CountAsync(r => r.ClientId == clientId && r.CreatedAt >= since, cancellationToken));

    public Task<IReadOnlyList<RefundId>> ListOpenAsync(int take, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<RefundId>)await db.Refunds.AsNoTracking()
            .Where(r => (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Unknown) && (r.Review == null || !PersonReviews.Contains(r.Review.Value)))
            .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(take).ToListAsync(cancellationToken));
}
