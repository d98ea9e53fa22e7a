using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork, PaymentByCheckoutRequestIdQuery byCheckoutRequestId)
    : IPaymentRepository
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    /// <summary>
    /// A callback's lookup runs as <see cref="PaymentByCheckoutRequestIdQuery"/>: a hand-written translation (same rows,
    /// same tracking; the specification is sealed and is only its criterion, so nothing it adds is dropped), compiled,
    /// as the hottest command-side read. Other single-result
    /// specifications select by a unique key (id, idempotency key; a specification that can match several payments must
    /// not be marked so), so their rows are read as a plain join: FirstOrDefault would wrap the payment in a LIMIT 1
    /// subquery and sort the join with its attempts, which SQLite prepares and runs markedly slower (docs/performance.md).
    /// </summary>
    public Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => specification switch
        {
            PaymentByCheckoutRequestIdSpec byCheckout => await byCheckoutRequestId.FindAsync(db, byCheckout.CheckoutRequestId, cancellationToken),
            ISingleResultSpecification<Payment> => (await SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken)).FirstOrDefault(),
            _ => await SpecificationEvaluator.Apply(db.Payments, specification).FirstOrDefaultAsync(cancellationToken),
        });

    public Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken));

    public Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.ApplyCriteria(db.Payments, specification).CountAsync(cancellationToken));
}
