using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// STK callbacks kept Unmatched (within twice the expiry window, newest first): applied once their attempt is known; a
/// success otherwise matched, by phone and amount within the expiry window, to the one payment whose push answer was lost.
/// </summary>
public sealed class StrayCallbackMatcher(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader reader,
    PaymentWriter writer,
    CallbackProcessor callbacks,
    TimeProvider clock,
    ShieldMetrics? metrics = null)
{
    public async Task MatchAsync(ReconciliationPass pass, ReconciliationOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(settings);
        var schedule = settings.Schedule;
        var since = clock.GetUtcNow() - (schedule.ExpireAfter * 2);
        foreach (var id in (await inbox.ListUnmatchedStkCallbacksAsync(since, settings.BatchSize, cancellationToken)).Select(c => c.Id).ToList())
        {
            await pass.IsolatedAsync("callback", id, () => MatchAsync(id, schedule, pass, cancellationToken), cancellationToken);
        }
    }

    private async Task MatchAsync(Guid id, ReconciliationSchedule schedule, ReconciliationPass pass, CancellationToken cancellationToken)
    {
        // Read once (tracked): its body is read once, and the same instance is what the processor records.
        if (await inbox.FindAsync(id, cancellationToken) is not { } callback || !reader.TryRead(callback.Body, out var result))
        {
            return;
        }

        if (await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, cancellationToken) is null
            && !await AttachToLostPushAsync(result, callback, schedule, cancellationToken))
        {
            return;
        }

        var processed = await callbacks.ProcessAsync(callback, result);
        pass.Matched += processed.Payment is null ? 0 : 1;
        if (processed is { Payment: not null, Callback.Outcome: CallbackOutcome.Applied })
        {
            metrics?.ReconcilerSettled("stray_callback");
        }
    }

    private async Task<bool> AttachToLostPushAsync(StkResult result, InboundCallback callback, ReconciliationSchedule schedule, CancellationToken cancellationToken)
    {
        if (result is not { Receipt: { PhoneNumber: { } phone, Amount: var paid } } || ResultCodes.Classify(result.ResultCode) != StkOutcome.Succeeded
            || !Msisdn.TryParse(phone, out var msisdn) || decimal.Truncate(paid) != paid || !Amount.IsValid(paid))
        {
            return false;
        }

        var candidates = await payments.ListAwaitingLostPushAnswerAsync(msisdn, new Amount((int)paid), callback.ReceivedAt - schedule.ExpireAfter,
            callback.ReceivedAt, cancellationToken);
        if (candidates is not [var payment] || payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId) is not { } attempt)
        {
            return false; // none, or ambiguous: left Unmatched for a person to look at
        }

        var attached = await writer.RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => p.AttachCheckoutRequestId(attempt.Number, result.CheckoutRequestId, now));
        return attached.IsSuccess;
    }
}
