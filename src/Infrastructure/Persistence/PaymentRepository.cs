using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork, PaymentByCheckoutRequestIdQuery byCheckoutRequestId)
    : IPaymentRepository
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    /// <summary>
    /// Read as a plain join (a list of the payment's rows, then its one payment): FirstOrDefault would wrap the payment
    /// in a LIMIT 1 subquery and sort the join with its attempts, which SQLite prepares and runs markedly slower
    /// (docs/performance.md).
    /// </summary>
    public Task<Payment?> FindAsync(PaymentId id, ClientId? owner, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var query = db.Payments.AsTracking().Where(p => p.Id == id);
            if (owner is { } client)
            {
                query = query.Where(p => p.ClientId == client);
            }

            return (await query.ToListAsync(cancellationToken)).FirstOrDefault();
        });

    /// <summary>The hottest command-side read (every callback): <see cref="PaymentByCheckoutRequestIdQuery"/>, compiled.</summary>
    public Task<Payment?> FindByCheckoutRequestIdAsync(string checkoutRequestId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => byCheckoutRequestId.FindAsync(db, checkoutRequestId, cancellationToken));

    public Task<IReadOnlyList<PaymentId>> ListDueForReconciliationAsync(ReconciliationSchedule schedule, DateTimeOffset now, int take,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            (IReadOnlyList<PaymentId>)await DueForReconciliation(db, schedule, now, take).Select(p => p.Id).ToListAsync(cancellationToken));

    /// <summary>
    /// The reconciler's selection, driven by the attempts (an uncorrelated IN over the attempts' status index), because
    /// attempts in flight are few and every payment ever made is not: a correlated EXISTS from Payments would read them
    /// all on SQLite. Tests read its plan.
    /// </summary>
    internal static IQueryable<Payment> DueForReconciliation(ShieldDbContext db, ReconciliationSchedule schedule, DateTimeOffset now, int take)
    {
        var due = db.Payments.SelectMany(p => p.Attempts).Where(schedule.IsDue(now)).Select(a => EF.Property<PaymentId>(a, "PaymentId"));
        var held = ReviewReasons.HoldReconciliation;
        return db.Payments.AsNoTracking()
            .Where(p => due.Contains(p.Id) && (p.ReviewReason == null || !held.Contains(p.ReviewReason)))
            .OrderBy(p => p.CreatedAt)
            .Take(take);
    }

    /// <summary>
    /// Single-result specifications select by a unique key (a specification that can match several payments must not be
    /// marked so), so their rows are read as a plain join (see <see cref="FindAsync"/>).
    /// </summary>
    public Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => specification is ISingleResultSpecification<Payment>
            ? (await SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken)).FirstOrDefault()
            : await SpecificationEvaluator.Apply(db.Payments, specification).FirstOrDefaultAsync(cancellationToken));

    public Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken));

    public Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.ApplyCriteria(db.Payments, specification).CountAsync(cancellationToken));
}
