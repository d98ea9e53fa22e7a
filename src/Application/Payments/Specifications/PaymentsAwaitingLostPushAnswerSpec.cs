using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>
/// Payments to this phone, for this amount, created within the window, with an attempt whose push answer was lost
/// (no CheckoutRequestID): the candidates for a stray success callback. Completed payments too: a retry's push whose
/// answer was lost may have charged the customer a second time, which must be found and flagged.
/// </summary>
public sealed class PaymentsAwaitingLostPushAnswerSpec : Specification<Payment>
{
    public PaymentsAwaitingLostPushAnswerSpec(Msisdn phoneNumber, Amount amount, DateTimeOffset createdFrom, DateTimeOffset createdTo) =>
        Query.Where(p => p.PhoneNumber == phoneNumber && p.Amount == amount && p.CreatedAt >= createdFrom && p.CreatedAt <= createdTo
                && p.Attempts.Any(a => a.CheckoutRequestId == null
                    && (a.Status == AttemptStatus.Sending || a.Status == AttemptStatus.Unknown || a.Status == AttemptStatus.Expired)))
            .OrderByDescending(p => p.CreatedAt)
            .Take(2);
}
