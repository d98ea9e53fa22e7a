using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Callbacks;
using Shield.Domain.Callbacks;

namespace Shield.Infrastructure.Persistence;

internal sealed class CallbackInbox(ShieldDbContext db) : ICallbackInbox
{
    public void Add(InboundCallback callback) => db.Callbacks.Add(callback);

    /// <summary>The instance this unit of work tracks, when it does (no second read); otherwise read, tracked.</summary>
    public Task<InboundCallback?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => await db.Callbacks.FindAsync([id], cancellationToken));

    public Task<IReadOnlyList<InboundCallback>> ListUnmatchedAsync(string checkoutRequestId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<InboundCallback>)await db.Callbacks
            .Where(c => c.CheckoutRequestId == checkoutRequestId && c.Outcome == CallbackOutcome.Unmatched)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken));

    public Task<IReadOnlyList<InboundCallback>> ListUnprocessedAsync(IReadOnlyList<CallbackKind> kinds, DateTimeOffset receivedBefore, int take,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<InboundCallback>)await db.Callbacks
            .Where(c => c.Outcome == CallbackOutcome.Received && c.ReceivedAt < receivedBefore && kinds.Contains(c.Kind))
            .OrderBy(c => c.ReceivedAt)
            .Take(take)
            .ToListAsync(cancellationToken));

    public Task<IReadOnlyList<InboundCallback>> ListUnmatchedStkCallbacksAsync(DateTimeOffset since, int take, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<InboundCallback>)await db.Callbacks
            .Where(c => c.Kind == CallbackKind.StkCallback && c.Outcome == CallbackOutcome.Unmatched && c.ReceivedAt >= since)
            .OrderByDescending(c => c.ReceivedAt)
            .Take(take)
            .ToListAsync(cancellationToken));

    public Task<IReadOnlyList<InboundCallback>> ListUnmatchedAsync(IReadOnlyList<CallbackKind> kinds, DateTimeOffset since, int take,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<InboundCallback>)await db.Callbacks
            .Where(c => kinds.Contains(c.Kind) && c.Outcome == CallbackOutcome.Unmatched && c.ReceivedAt >= since)
            .OrderByDescending(c => c.ReceivedAt)
            .Take(take)
            .ToListAsync(cancellationToken));
}
