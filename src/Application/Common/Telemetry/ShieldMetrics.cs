using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shield.Application.Common.Telemetry;

/// <summary>
/// Shield's own meter ("Shield"): every instrument is named <c>shield.*</c>; the Prometheus exporter publishes
/// <c>shield.payments.initiated</c> as <c>shield_payments_initiated_total</c> and a histogram in seconds as
/// <c>..._seconds_bucket</c>. Tags are low-cardinality words and Daraja's codes: never a phone number, an amount, a
/// receipt or a client's reference. One instance per process (a singleton from <see cref="IMeterFactory"/>).
/// </summary>
public sealed class ShieldMetrics
{
    private readonly Counter<long> _paymentsInitiated;
    private readonly Counter<long> _paymentsSettled;
    private readonly Counter<long> _callbacksReceived;
    private readonly Histogram<double> _callbackLag;
    private readonly Histogram<double> _darajaDuration;
    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _reconcilerSettled;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookLag;
    private readonly Counter<long> _refunds;
    private readonly Counter<long> _rateLimited;
    private readonly ObservableGauge<int> _pendingGauge;
    private PendingAges _pending = PendingAges.None;

    public ShieldMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ShieldTelemetry.Name);
        _paymentsInitiated = meter.CreateCounter<long>("shield.payments.initiated", description: "Payments initiated, by outcome of the first push (accepted, rejected, unknown).");
        _paymentsSettled = meter.CreateCounter<long>("shield.payments.settled", description: "Payments that reached a final status, by status and Daraja ResultCode.");
        _callbacksReceived = meter.CreateCounter<long>("shield.callbacks.received", description: "STK callbacks received, by outcome.");
        _callbackLag = meter.CreateHistogram<double>("shield.callbacks.lag", unit: "s", description: "From the callback's TransactionDate to its receipt by Shield.");
        _darajaDuration = meter.CreateHistogram<double>("shield.daraja.request.duration", unit: "s", description: "Daraja requests, by operation and outcome.");
        _tokensIssued = meter.CreateCounter<long>("shield.daraja.tokens.issued", description: "OAuth tokens this instance obtained from Daraja.");
        _reconcilerSettled = meter.CreateCounter<long>("shield.reconciler.settled", description: "Attempts the reconciler settled, by how the result was learned.");
        _pendingGauge = meter.CreateObservableGauge("shield.payments.pending", ObservePending, description: "Pending payments by age band, as of the reconciler's last pass.");
        meter.CreateObservableGauge("shield.payments.pending.oldest_age", ObserveOldest, unit: "s", description: "Age of the oldest pending payment, as of the reconciler's last pass.");
        meter.CreateObservableGauge("shield.reconciler.last_pass_age", ObserveLastPass, unit: "s", description: "Seconds since the reconciler's last completed pass on this instance.");
        _webhookDeliveries = meter.CreateCounter<long>("shield.webhooks.deliveries", description: "Webhook delivery attempts, by outcome.");
        _webhookLag = meter.CreateHistogram<double>("shield.webhooks.delivery.lag", unit: "s", description: "From an event's commit to its successful delivery.");
        _refunds = meter.CreateCounter<long>("shield.refunds", description: "Refunds, by outcome.");
        _rateLimited = meter.CreateCounter<long>("shield.rate_limited", description: "Requests refused by a rate limit, by limit and scope (fleet or instance).");
    }

    /// <param name="outcome">accepted, rejected or unknown (no answer from Daraja).</param>
    public void PaymentInitiated(string outcome) => _paymentsInitiated.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="status">The final status, lower case (completed, failed, cancelled, expired).</param>
    /// <param name="resultCode">Daraja's ResultCode, or "none" (an expiry).</param>
    public void PaymentSettled(string status, string resultCode) =>
        _paymentsSettled.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("result_code", resultCode));

    /// <param name="outcome">applied, duplicate, unmatched, late, unparsed or refused.</param>
    /// <param name="lag">TransactionDate to receipt, when the callback carries one.</param>
    public void CallbackReceived(string outcome, TimeSpan? lag)
    {
        _callbacksReceived.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (lag is { } value)
        {
            _callbackLag.Record(value.TotalSeconds);
        }
    }

    /// <param name="operation">token, stk_push, stk_query, transaction_status or reversal.</param>
    /// <param name="outcome">ok, refused (an error answer), unreachable or timeout.</param>
    /// <param name="duration">From sending the request to reading the whole answer (or giving up).</param>
    public void DarajaRequest(string operation, string outcome, TimeSpan duration) =>
        _darajaDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));

    public void TokenIssued() => _tokensIssued.Add(1);

    /// <param name="learnedBy">query (STK Push Query), stray_callback (a callback that arrived before its attempt was known) or expiry.</param>
    public void ReconcilerSettled(string learnedBy) => _reconcilerSettled.Add(1, new KeyValuePair<string, object?>("learned_by", learnedBy));

    /// <summary>Whether anything reads the pending gauges (an exporter is on): the reconciler counts pending payments only then.</summary>
    public bool PendingWatched => _pendingGauge.Enabled;

    /// <summary>What the reconciler's pass saw: pending payments by age, and when the pass ended.</summary>
    public void PendingObserved(int underOneMinute, int oneToFiveMinutes, int fiveToFifteenMinutes, int overFifteenMinutes, TimeSpan oldest) =>
        _pending = new PendingAges(underOneMinute, oneToFiveMinutes, fiveToFifteenMinutes, overFifteenMinutes, oldest, Stopwatch.GetTimestamp());

    /// <param name="outcome">delivered, failed (will be retried), gave_up or refused_address.</param>
    /// <param name="lag">Event commit to delivery, for delivered ones.</param>
    public void WebhookDelivery(string outcome, TimeSpan? lag)
    {
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (lag is { } value)
        {
            _webhookLag.Record(value.TotalSeconds);
        }
    }

    /// <param name="outcome">requested, awaiting_approval, rejected, completed, failed or unknown.</param>
    public void Refund(string outcome) => _refunds.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="limit">phone_pushes or client_requests.</param>
    /// <param name="scope">fleet (counted in Redis) or instance (Redis unavailable, or not configured).</param>
    public void RateLimited(string limit, string scope) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit), new KeyValuePair<string, object?>("scope", scope));

    private IEnumerable<Measurement<int>> ObservePending()
    {
        var pending = _pending;
        if (pending.At == 0)
        {
            return [];
        }

        return
        [
            new Measurement<int>(pending.UnderOneMinute, new KeyValuePair<string, object?>("age", "under_1m")),
            new Measurement<int>(pending.OneToFiveMinutes, new KeyValuePair<string, object?>("age", "1m_to_5m")),
            new Measurement<int>(pending.FiveToFifteenMinutes, new KeyValuePair<string, object?>("age", "5m_to_15m")),
            new Measurement<int>(pending.OverFifteenMinutes, new KeyValuePair<string, object?>("age", "over_15m")),
        ];
    }

    private IEnumerable<Measurement<double>> ObserveOldest() =>
        _pending.At == 0 ? [] : [new Measurement<double>(_pending.Oldest.TotalSeconds)];

    private IEnumerable<Measurement<double>> ObserveLastPass() =>
        _pending.At == 0 ? [] : [new Measurement<double>(Stopwatch.GetElapsedTime(_pending.At).TotalSeconds)];

    private sealed record PendingAges(int UnderOneMinute, int OneToFiveMinutes, int FiveToFifteenMinutes, int OverFifteenMinutes, TimeSpan Oldest, long At)
    {
        public static readonly PendingAges None = new(0, 0, 0, 0, TimeSpan.Zero, 0);
    }
}
