using Ardalis.Specification;
using Shield.Application.Common.Persistence;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>
/// Loads and stores Payment aggregates (with their attempts). Commands load the payment they change through the
/// explicit Find methods (tracked); lists and searches go through specifications (tracked unless the specification
/// says AsNoTracking).
/// </summary>
public interface IPaymentRepository
{
    IUnitOfWork UnitOfWork { get; }

    void Add(Payment payment);

    /// <summary>The payment to change, tracked; with <paramref name="owner"/>, only if that client owns it.</summary>
    Task<Payment?> FindAsync(PaymentId id, ClientId? owner, CancellationToken cancellationToken);

    /// <summary>The payment one of whose attempts has this CheckoutRequestID (unique across payments), tracked.</summary>
    Task<Payment?> FindByCheckoutRequestIdAsync(string checkoutRequestId, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of payments with an attempt the reconciler must look at now (<see cref="ReconciliationSchedule.IsDue"/>),
    /// whatever their status, but none held for review, oldest first, at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<PaymentId>> ListDueForReconciliationAsync(ReconciliationSchedule schedule, DateTimeOffset now, int take,
        CancellationToken cancellationToken);

    Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);

    Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);

    /// <summary>How many payments match the specification's criteria (its ordering and paging are ignored).</summary>
    Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);
}
