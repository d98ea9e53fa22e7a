using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The operators' query side: every client's payments, untracked. Lists project only their columns; the Overview's
/// figures are counted by the database (a CASE over the creation time picks each payment's day or age bucket, grouped
/// with its status and failure code), so a few dozen rows come back whatever the number of payments.
/// </summary>
internal sealed class PaymentOperatorReader(ShieldDbContext db, TypeAdapterConfig mapping, RefundReader refunds) : IPaymentOperatorReader
{
    public Task<PaymentSearchPage> SearchAsync(PaymentSearch search, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var total = await SpecificationEvaluator.ApplyCriteria(db.Payments, new PaymentSearchSpec(search)).CountAsync(cancellationToken);
            var items = total == 0
                ? []
                : await Rows(SpecificationEvaluator.Apply(db.Payments, new PaymentSearchSpec(search, page, pageSize))).ToListAsync(cancellationToken);
            return new PaymentSearchPage(items, page, pageSize, total);
        });

    public async IAsyncEnumerable<PaymentSearchRow> StreamAsync(PaymentSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Rows(SpecificationEvaluator.Apply(db.Payments, new PaymentSearchSpec(search))).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public Task<PaymentRecord?> FindRecordAsync(PaymentId id, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            if ((await db.Payments.AsNoTracking().Where(p => p.Id == id).ToListAsync(cancellationToken)).FirstOrDefault() is not { } payment)
            {
                return null;
            }

            var checkoutRequestIds = payment.Attempts.Select(a => a.CheckoutRequestId).OfType<string>().ToList();
            var callbacks = await db.Callbacks.AsNoTracking()
                .Where(c => c.PaymentId == id || (c.CheckoutRequestId != null && checkoutRequestIds.Contains(c.CheckoutRequestId)))
                .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id)
                .ToListAsync(cancellationToken);
            var own = (await refunds.OfPaymentsAsync(payment.ClientId, [id], cancellationToken))[id.Value].ToList();
            var details = payment.Adapt<PaymentDetails>(mapping) with
            {
                Refunds = own,
                RefundedAmount = own.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.Amount),
            };
            return (PaymentRecord?)new PaymentRecord(details, payment.ClientId.Value, payment.IdempotencyKey,
                [.. payment.Attempts.OrderBy(a => a.Number).Select(a => a.Adapt<AttemptRecord>(mapping))],
                [.. callbacks.Select(CallbackInboxReader.Details)]);
        });

    public Task<IReadOnlyList<PaymentTally>> TallyAsync(IReadOnlyList<DateTimeOffset> boundaries, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(boundaries);
            if (boundaries.Count < 2)
            {
                throw new ArgumentException("A range has a start and an end.", nameof(boundaries));
            }

            var (from, to) = (boundaries[0], boundaries[^1]);
            // Slot i is [boundaries[i], boundaries[i + 1]): the first interior boundary the creation time is below. With no
            // interior boundary (one slot), a test that always gives 0 keeps the key a column expression, not a constant.
            var interior = boundaries.Count > 2 ? boundaries.Skip(1).Take(boundaries.Count - 2).ToList() : [to];
            var rows = db.Payments.AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to)
                .Select(WithSlot(interior, Expression.LessThan, fallback: boundaries.Count - 2));
            var groups = await rows.GroupBy(r => new { r.Slot, r.Status, r.FailureCode })
                .Select(g => new { g.Key.Slot, g.Key.Status, g.Key.FailureCode, Count = g.Count(), Amount = g.Sum(r => (long)r.Amount) })
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<PaymentTally>)[.. groups.Select(g => new PaymentTally(g.Slot, g.Status, g.FailureCode, g.Count, g.Amount))];
        });

    public Task<IReadOnlyList<int>> CountPendingAsync(IReadOnlyList<DateTimeOffset> createdAfter, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(createdAfter);
            var groups = await db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Pending)
                .Select(WithSlot(createdAfter, Expression.GreaterThan, fallback: createdAfter.Count))
                .GroupBy(r => r.Slot)
                .Select(g => new { Slot = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<int>)[.. Enumerable.Range(0, createdAfter.Count + 1).Select(slot => groups.FirstOrDefault(g => g.Slot == slot)?.Count ?? 0)];
        });

    public Task<WaitingPaymentPage> ListWaitingAsync(DateTimeOffset now, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            // Attempts Unknown are few (an uncorrelated IN over the attempts' status index); Pending payments use (Status, CreatedAt).
            var unknown = db.Payments.SelectMany(p => p.Attempts).Where(a => a.Status == AttemptStatus.Unknown).Select(a => EF.Property<PaymentId>(a, "PaymentId"));
            var waiting = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Pending || unknown.Contains(p.Id));
            var total = await waiting.CountAsync(cancellationToken);
            var payments = total == 0
                ? []
                : await waiting.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new WaitingPaymentPage([.. payments.Select(p => Waiting(p, now))], page, pageSize, total);
        });

    public Task<ReviewQueuePage> ListReviewQueueAsync(ReviewReason? reason, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var flagged = reason is null
                ? db.Payments.AsNoTracking().Where(p => p.ReviewReason != null)
                : db.Payments.AsNoTracking().Where(p => p.ReviewReason == reason);
            var total = await flagged.CountAsync(cancellationToken);
            var items = total == 0
                ? []
                : await flagged.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize)
                    .Select(p => new ReviewQueueItem(p.Id.Value, p.ClientId.Value, p.Status, p.Amount.Value, p.PhoneNumber.Value, p.AccountReference.Value,
                        p.MpesaReceiptNumber, p.ReviewReason!.Code, p.ReviewReason.HoldsReconciliation, p.CreatedAt, p.UpdatedAt))
                    .ToListAsync(cancellationToken);
            return new ReviewQueuePage(items, page, pageSize, total);
        });

    private static IQueryable<PaymentSearchRow> Rows(IQueryable<Payment> payments) =>
        payments.Select(p => new PaymentSearchRow(p.Id.Value, p.ClientId.Value, p.Status, p.Amount.Value, p.PhoneNumber.Value, p.AccountReference.Value,
            p.MpesaReceiptNumber, p.ReviewReason == null ? null : p.ReviewReason.Code, p.CreatedAt, p.CompletedAt));

    private static WaitingPayment Waiting(Payment payment, DateTimeOffset now)
    {
        var attempt = payment.Attempts.MaxBy(a => a.Number)!;
        var age = now - payment.CreatedAt;
        return new WaitingPayment(payment.Id.Value, payment.ClientId.Value, payment.Status, payment.Amount.Value, payment.PhoneNumber.Value,
            payment.AccountReference.Value, payment.CreatedAt, age, PaymentStatistics.AgeBucket(age), attempt.Number, attempt.Status, attempt.CheckoutRequestId,
            attempt.NoAnswer, attempt.QueryCount, attempt.AnsweredQueryCount, attempt.LastQueriedAt, attempt.NextQueryAt, payment.ReviewReason?.Code);
    }

    /// <summary>
    /// A payment's slot, status, failure code and amount, for grouping: the slot is a CASE over its creation time (the first
    /// bound the test holds for, else <paramref name="fallback"/>), each bound a parameter; the amount is read as the
    /// column's integer (the cast through object lets EF sum the converted column).
    /// </summary>
    private static Expression<Func<Payment, TallyRow>> WithSlot(IReadOnlyList<DateTimeOffset> bounds, Func<Expression, Expression, BinaryExpression> test,
        int fallback)
    {
        Expression<Func<Payment, int, TallyRow>> template = (p, slot) => new TallyRow
        {
            Slot = slot,
            Status = p.Status,
            FailureCode = p.Failure == null ? null : p.Failure.Code,
            Amount = (int)(object)p.Amount,
        };
        var payment = template.Parameters[0];
        var createdAt = Expression.Property(payment, nameof(Payment.CreatedAt));
        Expression slot = Expression.Constant(fallback);
        for (var i = bounds.Count - 1; i >= 0; i--)
        {
            var bound = Expression.Property(Expression.Constant(new Bound(bounds[i])), nameof(Bound.Value));
            slot = Expression.Condition(test(createdAt, bound), Expression.Constant(i), slot);
        }

        return Expression.Lambda<Func<Payment, TallyRow>>(ReplacingExpressionVisitor.Replace(template.Parameters[1], slot, template.Body), payment);
    }

    /// <summary>A bound read through a member, so that EF sends it as a parameter (a constant would be inlined in the SQL text).</summary>
    private sealed class Bound(DateTimeOffset value)
    {
        public DateTimeOffset Value { get; } = value;
    }

    private sealed class TallyRow
    {
        public int Slot { get; init; }

        public PaymentStatus Status { get; init; }

        public string? FailureCode { get; init; }

        public int Amount { get; init; }
    }
}
