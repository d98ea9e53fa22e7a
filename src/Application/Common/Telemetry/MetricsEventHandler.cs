using System.Collections.Concurrent;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Refunds;

namespace Shield.Application.Common.Telemetry;

/// <summary>
/// Counts payments settled (by status and Daraja ResultCode) and refunds (by outcome) from the published events: they
/// exist only once the change that raised them was committed, so rolled-back work is never counted, whichever path (a
/// callback, the reconciler, an operator) settled it. Delivery is at least once: an event delivered again to this
/// instance (another handler failed, a lease ran out) is not counted twice; one delivered again to another instance
/// after a crash may be, which is rare and errs by one.
/// </summary>
public sealed class MetricsEventHandler(ShieldMetrics metrics) : IEventHandler<PaymentEvent>, IEventHandler<RefundEvent>
{
    /// <summary>The events this process counted lately; emptied when full (it only has to outlive a redelivery's backoff).</summary>
    private static readonly ConcurrentDictionary<Guid, byte> Counted = new();

    private const int MaxRemembered = 10_000;

    public Task HandleAsync(PaymentEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        var status = published.Type switch
        {
            PaymentEventTypes.Completed => "completed",
            PaymentEventTypes.Failed => "failed",
            PaymentEventTypes.Cancelled => "cancelled",
            PaymentEventTypes.Expired => "expired",
            _ => null,
        };
        if (status is not null && FirstTime(published.Id))
        {
            metrics.PaymentSettled(status, ResultCodeOf(status, published.Payment));
        }

        return Task.CompletedTask;
    }

    public Task HandleAsync(RefundEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        var outcome = published.Type switch
        {
            RefundEventTypes.Created => published.Refund.Status switch
            {
                RefundStatus.AwaitingApproval => "awaiting_approval",
                RefundStatus.Unknown => "unknown",
                _ => "requested",
            },
            RefundEventTypes.Succeeded => "completed",
            RefundEventTypes.Failed => published.Refund.Failure?.Code == RejectedCode ? "rejected" : "failed",
            _ => null,
        };
        if (outcome is not null && FirstTime(published.Id))
        {
            metrics.Refund(outcome);
        }

        return Task.CompletedTask;
    }

    /// <summary>The failure code of a refund an approver rejected (nothing was sent to M-Pesa).</summary>
    private const string RejectedCode = "refund_rejected";

    /// <summary>
    /// Daraja's ResultCode that settled it: 0 for a completion; the failure's (or the last attempt's) code otherwise, so a
    /// customer's timeout (1037) is told from the reconciler's expiry of a push never answered ("none").
    /// </summary>
    private static string ResultCodeOf(string status, PaymentDetails payment) => status == "completed"
        ? "0"
        : payment.Failure?.ResultCode ?? (payment.Attempts is [.., var last] ? last.ResultCode : null) ?? "none";

    private static bool FirstTime(Guid eventId)
    {
        if (Counted.Count >= MaxRemembered)
        {
            Counted.Clear();
        }

        return Counted.TryAdd(eventId, 0);
    }
}
