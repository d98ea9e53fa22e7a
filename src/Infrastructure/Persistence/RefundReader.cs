using Mapster;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Infrastructure.Persistence;

/// <summary>The refunds' query side: rows read untracked and mapped as the commands map them.</summary>
internal sealed class RefundReader(ShieldDbContext db, TypeAdapterConfig mapping) : IRefundReader
{
    /// <summary>
    /// GET of a payment reads its refunds: a second query, compiled once as GET's own projection is. (Read in the same
    /// round trip as a nested collection, it was slower: docs/performance.md.)
    /// </summary>
    private static readonly Func<ShieldDbContext, ClientId, PaymentId, IAsyncEnumerable<Refund>> OfPayment =
        EF.CompileAsyncQuery<ShieldDbContext, ClientId, PaymentId, Refund>((context, clientId, paymentId) => context.Refunds.AsNoTracking()
            .Where(r => r.PaymentId == paymentId && r.ClientId == clientId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id));

    public Task<RefundDetails?> FindAsync(ClientId clientId, RefundId refundId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId && r.ClientId == clientId, cancellationToken) is { } refund
                ? refund.Adapt<RefundDetails>(mapping)
                : null);

    public Task<RefundPage> ListAsync(ClientId clientId, RefundFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var (rows, total) = await PageAsync(clientId, filter, page, pageSize, cancellationToken);
            return new RefundPage([.. rows.Select(r => r.Adapt<RefundDetails>(mapping))], page, pageSize, total);
        });

    public Task<RefundRecord?> FindRecordAsync(RefundId refundId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId, cancellationToken) is { } refund
                ? refund.Adapt<RefundRecord>(mapping)
                : null);

    public Task<RefundRecordPage> ListRecordsAsync(ClientId? clientId, RefundFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var (rows, total) = await PageAsync(clientId, filter, page, pageSize, cancellationToken);
            return new RefundRecordPage([.. rows.Select(r => r.Adapt<RefundRecord>(mapping))], page, pageSize, total);
        });

    /// <summary>One page of the refunds matching (of one client, or of all), newest first, and how many match.</summary>
    private async Task<(List<Refund> Rows, int Total)> PageAsync(ClientId? clientId, RefundFilter filter, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Refunds.AsNoTracking();
        if (clientId is { } client)
        {
            query = query.Where(r => r.ClientId == client);
        }

        if (filter.PaymentId is { } paymentId)
        {
            query = query.Where(r => r.PaymentId == new PaymentId(paymentId));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(r => r.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            query = query.Where(r => r.CreatedAt <= to);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = total == 0
            ? []
            : await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>The refunds of these payments (the client's), oldest first, as GET of a payment shows them.</summary>
    public async Task<ILookup<Guid, RefundDetails>> OfPaymentsAsync(ClientId clientId, IReadOnlyCollection<PaymentId> paymentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paymentIds);
        if (paymentIds.Count == 1)
        {
            var own = new List<RefundDetails>();
            await foreach (var refund in OfPayment(db, clientId, paymentIds.First()).WithCancellation(cancellationToken))
            {
                own.Add(refund.Adapt<RefundDetails>(mapping));
            }

            return own.ToLookup(r => r.PaymentId);
        }

        var rows = await db.Refunds.AsNoTracking().Where(r => r.ClientId == clientId && paymentIds.Contains(r.PaymentId))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return rows.Select(r => r.Adapt<RefundDetails>(mapping)).ToLookup(r => r.PaymentId);
    }
}
