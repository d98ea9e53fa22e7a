using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// The attempts due (<see cref="ReconciliationSchedule.IsDue"/>), whatever their payment's status: each queried with
/// STK Push Query when it can be, and settled, scheduled again, or expired (<see cref="Reconciliation.Reconcile"/>).
/// </summary>
public sealed class AttemptReconciler(IPaymentRepository payments, IMpesaGateway gateway, PaymentWriter writer, TimeProvider clock, ShieldMetrics? metrics = null)
{
    public async Task ReconcileDueAsync(ReconciliationPass pass, ReconciliationOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(settings);
        var schedule = settings.Schedule;
        foreach (var id in await payments.ListDueForReconciliationAsync(schedule, clock.GetUtcNow(), settings.BatchSize, cancellationToken))
        {
            await pass.IsolatedAsync("payment", id.Value, () => ReconcileAsync(id, schedule, pass, cancellationToken), cancellationToken);
        }
    }

    private async Task ReconcileAsync(PaymentId id, ReconciliationSchedule schedule, ReconciliationPass pass, CancellationToken cancellationToken)
    {
        // Read now, tracked: another writer may have settled it since the list was read, and then it is not asked about.
        var payment = await payments.FindAsync(id, null, cancellationToken);
        if (payment is null || Reconciliation.AttemptDue(payment, schedule, clock.GetUtcNow()) is not { } attempt)
        {
            return;
        }

        var check = AttemptCheck.NotAsked;
        if (attempt is { Status: AttemptStatus.AwaitingCustomer, CheckoutRequestId: { } checkoutRequestId })
        {
            check = (await gateway.QueryStkPushAsync(checkoutRequestId, cancellationToken)).ToCheck();
            pass.Queried++;
        }

        var decided = await writer.RecordAsync(PaymentLookup.Loaded(payment), (p, now) => Reconciliation.Reconcile(p, attempt.Number, check, schedule, now));
        pass.Settled += decided is { IsSuccess: true, Value.Value: ReconciliationOutcome.Settled } ? 1 : 0;
        pass.Expired += decided is { IsSuccess: true, Value.Value: ReconciliationOutcome.Expired } ? 1 : 0;
        switch (decided)
        {
            case { IsSuccess: true, Value.Value: ReconciliationOutcome.Settled }:
                metrics?.ReconcilerSettled("query");
                break;
            case { IsSuccess: true, Value.Value: ReconciliationOutcome.Expired }:
                metrics?.ReconcilerSettled("expiry");
                break;
        }
    }
}
