using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The command side's reads: each explicit method runs its specification's criteria (the same the unit tests' in-memory
/// repository evaluates), tracked unless the specification says otherwise.
/// </summary>
internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork, PaymentByCheckoutRequestIdQuery byCheckoutRequestId)
    : IPaymentRepository
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    /// <summary>Read as a plain join (a list of the payment's rows, then its one payment), not wrapped in a LIMIT 1 subquery.</summary>
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

    public Task<Payment?> FindByIdempotencyKeyAsync(ClientId clientId, string idempotencyKey, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            (await SpecificationEvaluator.Apply(db.Payments, new PaymentByIdempotencyKeySpec(clientId, idempotencyKey)).ToListAsync(cancellationToken)).FirstOrDefault());

    public Task<Payment?> FindByVerificationAsync(string? conversationId, string? originatorConversationId, string? receiptNumber,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments,
            new PaymentByVerificationSpec(conversationId, originatorConversationId, receiptNumber)).FirstOrDefaultAsync(cancellationToken));

    public Task<IReadOnlyList<Payment>> ListAwaitingLostPushAnswerAsync(Msisdn phoneNumber, Amount amount, DateTimeOffset createdFrom,
        DateTimeOffset createdTo, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => (IReadOnlyList<Payment>)await SpecificationEvaluator.Apply(db.Payments,
            new PaymentsAwaitingLostPushAnswerSpec(phoneNumber, amount, createdFrom, createdTo)).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<PaymentId>> ListDueForReconciliationAsync(ReconciliationSchedule schedule, DateTimeOffset now, int take,
        CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            (IReadOnlyList<PaymentId>)await DueForReconciliation(db, schedule, now, take).Select(p => p.Id).ToListAsync(cancellationToken));

    /// <summary>
    /// The reconciler's selection, driven by the attempts (an uncorrelated IN over the attempts' status index), because
    /// attempts in flight are few and every payment ever made is not. Tests read its plan.
    /// </summary>
    internal static IQueryable<Payment> DueForReconciliation(ShieldDbContext db, ReconciliationSchedule schedule, DateTimeOffset now, int take)
    {
        var due = db.Payments.SelectMany(p => p.Attempts).Where(schedule.IsDue(now)).Select(a => EF.Property<PaymentId>(a, "PaymentId"));
        var held = ReviewReason.All.Where(r => r.HoldsReconciliation).ToList();
        return db.Payments.AsNoTracking()
            .Where(p => due.Contains(p.Id) && (p.ReviewReason == null || !held.Contains(p.ReviewReason)))
            .OrderBy(p => p.CreatedAt)
            .Take(take);
    }
}
