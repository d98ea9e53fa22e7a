using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>
/// Pending payments whose attempt needs the reconciler: awaiting the customer past its query time (FirstQueryAfter
/// after the push, then its NextQueryAt) or past the expiry window, or stuck in Sending/Unknown past the expiry window. Oldest first. Payments
/// flagged for review are left to people.
/// </summary>
public sealed class PaymentsDueForReconciliationSpec : Specification<Payment>
{
    public PaymentsDueForReconciliationSpec(DateTimeOffset now, ReconciliationSchedule schedule, int take)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var firstQueryCutoff = now - schedule.FirstQueryAfter;
        var expiryCutoff = now - schedule.ExpireAfter;
        Query.Where(p => p.Status == PaymentStatus.Pending && p.ReviewReason == null && p.Attempts.Any(a =>
                (a.Status == AttemptStatus.AwaitingCustomer
                    && ((a.NextQueryAt == null && a.SentAt <= firstQueryCutoff) || a.NextQueryAt <= now || a.SentAt <= expiryCutoff))
                || ((a.Status == AttemptStatus.Sending || a.Status == AttemptStatus.Unknown) && a.CreatedAt <= expiryCutoff)))
            .OrderBy(p => p.CreatedAt)
            .Take(take)
            .AsNoTracking();
    }
}
