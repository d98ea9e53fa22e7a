using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// Asks Safaricom (STK Push Query) for the outcome of one attempt and applies the answer to the payment (not saved):
/// a terminal ResultCode applies like a callback (a success without a receipt, confirmed by query); "still
/// processing" and no answer only schedule the next query. Never a failure by itself.
/// </summary>
public sealed class AttemptQuery(IMpesaGateway gateway, TimeProvider clock)
{
    public async Task<StkQueryOutcome> QueryAsync(Payment payment, PaymentAttempt attempt, ReconciliationSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(schedule);
        var checkoutRequestId = attempt.CheckoutRequestId
            ?? throw new InvalidOperationException("An attempt without a CheckoutRequestID cannot be queried.");

        var outcome = await gateway.QueryStkPushAsync(checkoutRequestId, cancellationToken);
        var now = clock.GetUtcNow();
        if (outcome is StkQueryOutcome.Known known)
        {
            payment.ApplyStkResult(new StkResult(checkoutRequestId, known.ResultCode, known.ResultDescription, null, ResultSource.Query), now);
        }
        else if (!attempt.IsTerminal)
        {
            payment.RecordQueryWithoutOutcome(attempt.Number, now, schedule.NextQueryAfter(now, attempt.QueryCount + 1));
        }

        return outcome;
    }
}
