using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork) : IPaymentRepository
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    /// <summary>
    /// A single-result specification selects by a unique key (id, CheckoutRequestID, idempotency key; a specification
    /// that can match several payments must not be marked so), so its rows are read as a plain join. FirstOrDefault
    /// would wrap the payment in a LIMIT 1 subquery and sort the join with its attempts, which SQLite prepares and runs
    /// markedly slower (docs/performance.md).
    /// </summary>
    public Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => specification is ISingleResultSpecification<Payment>
            ? (await Query(specification).ToListAsync(cancellationToken)).FirstOrDefault()
            : await Query(specification).FirstOrDefaultAsync(cancellationToken));

    /// <summary>
    /// The specification as an EF query. One has a hand-written translation: a callback's lookup by CheckoutRequestID
    /// is, generically, a correlated EXISTS, which SQLite answers by scanning every payment (0.4 ms at 3,000 payments,
    /// growing with the table; see docs/performance.md). Selecting the attempt's payment id first, as an uncorrelated
    /// IN, uses the CheckoutRequestId index on every engine. Same rows, same tracking. (The specification is sealed and
    /// is only its criterion, so the translation cannot drop anything it adds.)
    /// </summary>
    internal IQueryable<Payment> Query(ISpecification<Payment> specification) => specification switch
    {
        PaymentByCheckoutRequestIdSpec byCheckout => db.Payments.Where(p => db.Payments
            .SelectMany(other => other.Attempts)
            .Where(a => a.CheckoutRequestId == byCheckout.CheckoutRequestId)
            .Select(a => EF.Property<PaymentId>(a, "PaymentId"))
            .Contains(p.Id)),
        _ => SpecificationEvaluator.Apply(db.Payments, specification),
    };

    public Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken));

    public Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.ApplyCriteria(db.Payments, specification).CountAsync(cancellationToken));
}
