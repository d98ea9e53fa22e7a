using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Callbacks;
using Shield.Domain.Callbacks;

namespace Shield.Infrastructure.Persistence;

/// <summary>The callback inbox's query side, for operators: untracked rows; the list reads no body, only its length.</summary>
internal sealed class CallbackInboxReader(ShieldDbContext db) : ICallbackInboxReader
{
    public Task<InboundCallbackPage> ListAsync(IReadOnlyCollection<CallbackOutcome> outcomes, CallbackKind? kind, int page, int pageSize,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(outcomes);
            var chosen = outcomes.ToList();
            var query = db.Callbacks.AsNoTracking().Where(c => chosen.Contains(c.Outcome));
            if (kind is { } only)
            {
                query = query.Where(c => c.Kind == only);
            }

            var total = await query.CountAsync(cancellationToken);
            var rows = total == 0
                ? []
                : await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize)
                    .Select(c => new { c.Id, c.Kind, c.ReceivedAt, c.Outcome, c.ProcessedAt, c.RemoteAddress, c.CheckoutRequestId, c.PaymentId, BodyLength = c.Body.Length })
                    .ToListAsync(cancellationToken);
            return new InboundCallbackPage(
                [.. rows.Select(c => new InboundCallbackSummary(c.Id, c.Kind, c.ReceivedAt, c.Outcome, c.ProcessedAt, c.RemoteAddress, c.CheckoutRequestId,
                    c.PaymentId?.Value, c.BodyLength))],
                page, pageSize, total);
        });

    public Task<InboundCallbackDetails?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await db.Callbacks.AsNoTracking().Where(c => c.Id == id).FirstOrDefaultAsync(cancellationToken) is { } callback ? Details(callback) : null);

    /// <summary>A stored callback as operators read it.</summary>
    public static InboundCallbackDetails Details(InboundCallback callback) =>
        new(callback.Id, callback.Kind, callback.ReceivedAt, callback.Outcome, callback.ProcessedAt, callback.RemoteAddress, callback.CheckoutRequestId,
            callback.PaymentId?.Value, callback.RefundId?.Value, callback.Body);
}
