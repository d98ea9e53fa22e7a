using System.Linq.Expressions;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork) : IPaymentRepository
{
    /// <summary>A callback's lookup: the payment whose attempt has the CheckoutRequestID (see <see cref="Query"/>).</summary>
    private static readonly Expression<Func<ShieldDbContext, string, IQueryable<Payment>>> ByCheckoutRequestIdQuery =
        (context, checkoutRequestId) => context.Payments.Where(p => context.Payments
            .SelectMany(other => other.Attempts)
            .Where(a => a.CheckoutRequestId == checkoutRequestId)
            .Select(a => EF.Property<PaymentId>(a, "PaymentId"))
            .Contains(p.Id));

    private static readonly Func<ShieldDbContext, string, IQueryable<Payment>> ByCheckoutRequestId = ByCheckoutRequestIdQuery.Compile();

    private static readonly Func<ShieldDbContext, string, IAsyncEnumerable<Payment>> CompiledByCheckoutRequestId =
        EF.CompileAsyncQuery(ByCheckoutRequestIdQuery);

    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    /// <summary>
    /// A callback's lookup runs as a compiled query (it is the hottest command-side read). Other single-result
    /// specifications select by a unique key (id, idempotency key; a specification that can match several payments must
    /// not be marked so), so their rows are read as a plain join: FirstOrDefault would wrap the payment in a LIMIT 1
    /// subquery and sort the join with its attempts, which SQLite prepares and runs markedly slower (docs/performance.md).
    /// </summary>
    public Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => specification switch
        {
            PaymentByCheckoutRequestIdSpec byCheckout =>
                await FirstAsync(CompiledByCheckoutRequestId(db, byCheckout.CheckoutRequestId), cancellationToken),
            ISingleResultSpecification<Payment> => (await Query(specification).ToListAsync(cancellationToken)).FirstOrDefault(),
            _ => await Query(specification).FirstOrDefaultAsync(cancellationToken),
        });

    /// <summary>
    /// The specification as an EF query. One has a hand-written translation: a callback's lookup by CheckoutRequestID
    /// is, generically, a correlated EXISTS, which SQLite answers by scanning every payment (0.4 ms at 3,000 payments,
    /// growing with the table; see docs/performance.md). Selecting the attempt's payment id first, as an uncorrelated
    /// IN, uses the CheckoutRequestId index on every engine. Same rows, same tracking. (The specification is sealed and
    /// is only its criterion, so the translation cannot drop anything it adds.)
    /// </summary>
    internal IQueryable<Payment> Query(ISpecification<Payment> specification) => specification switch
    {
        PaymentByCheckoutRequestIdSpec byCheckout => ByCheckoutRequestId(db, byCheckout.CheckoutRequestId),
        _ => SpecificationEvaluator.Apply(db.Payments, specification),
    };

    private static async Task<Payment?> FirstAsync(IAsyncEnumerable<Payment> payments, CancellationToken cancellationToken)
    {
        await foreach (var payment in payments.WithCancellation(cancellationToken))
        {
            return payment;
        }

        return null;
    }

    public Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken));

    public Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.ApplyCriteria(db.Payments, specification).CountAsync(cancellationToken));
}
