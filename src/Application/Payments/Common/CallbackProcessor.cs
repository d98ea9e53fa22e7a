using Microsoft.Extensions.Logging;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// The one callback processor: for a callback already stored raw, read its body once, apply it to its payment and
/// record what became of it, in one commit, decided again after a conflict. It serves STK callbacks and Transaction
/// Status results alike, the request that stored them, the reconciler's sweep of callbacks left unprocessed (the process
/// died, or the database failed, right after the body was stored), and callbacks kept Unmatched until their attempt is
/// known. A callback's outcome is its row's concurrency token, so when two of these race, exactly one records it.
/// Everything here records what Safaricom already did: it is never cancelled.
/// </summary>
public sealed partial class CallbackProcessor(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader stkReader,
    ITransactionStatusResultReader statusReader,
    TimeProvider clock,
    ILogger<CallbackProcessor> logger,
    ShieldMetrics? metrics = null) : ICallbackApplier
{
    /// <summary>The span attribute naming the callback's kind (StkCallback, TransactionStatusResult...).</summary>
    public const string CallbackKindAttribute = "shield.callback.kind";

    /// <summary>The span attribute naming what became of the callback (Applied, Duplicate, Unmatched...).</summary>
    public const string CallbackOutcomeAttribute = "shield.callback.outcome";

    public IReadOnlyList<CallbackKind> Kinds => CallbackKinds.Payments;

    async Task<InboundCallback> ICallbackApplier.ApplyAsync(InboundCallback callback) => (await ProcessAsync(callback)).Callback;

    /// <summary>
    /// Processes a stored callback this unit of work tracks (the request that stored it; the reconciler, which read it).
    /// <paramref name="read"/> is its STK result when the caller already read the body, so it is not read twice.
    /// </summary>
    public Task<ProcessedCallback> ProcessAsync(InboundCallback callback, StkResult? read = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ProcessAsync(callback, read, lookAgainIfUnmatched: true);
    }

    /// <summary>
    /// Processes a stored callback by its id, read afresh (tracked): for work that lists callbacks first, since a
    /// conflict or a failure on one of them forgets everything the unit of work tracked, the others included.
    /// Returns null when there is no such callback.
    /// </summary>
    public async Task<ProcessedCallback?> ProcessAsync(Guid callbackId) =>
        await inbox.FindAsync(callbackId, CancellationToken.None) is { } callback ? await ProcessAsync(callback, null, lookAgainIfUnmatched: true) : null;

    /// <summary>
    /// Applies the STK callbacks kept Unmatched for <paramref name="checkoutRequestId"/>, now that its attempt is known
    /// (a callback can beat the commit of the push's answer). Returns the payment as it then stands, or null when none waited.
    /// </summary>
    public async Task<Payment?> ApplyWaitingAsync(string checkoutRequestId)
    {
        Payment? payment = null;
        foreach (var id in (await inbox.ListUnmatchedAsync(checkoutRequestId, CancellationToken.None)).Select(c => c.Id).ToList())
        {
            if (await inbox.FindAsync(id, CancellationToken.None) is { } waiting)
            {
                payment = (await ProcessAsync(waiting, null, lookAgainIfUnmatched: false)).Payment ?? payment;
            }
        }

        return payment;
    }

    private async Task<ProcessedCallback> ProcessAsync(InboundCallback callback, StkResult? read, bool lookAgainIfUnmatched)
    {
        if (callback.Kind != CallbackKind.StkCallback)
        {
            return statusReader.TryRead(callback.Body, callback.Kind == CallbackKind.TransactionStatusTimeout, out var report)
                ? await RecordAsync(callback, report.ResultCode, null, (entry, now, ct) => ApplyTransactionStatusAsync(entry, report, now, ct))
                : await RecordAsync(callback, null, null, (entry, now, _) => Malformed(entry, now));
        }

        if (read is null && !stkReader.TryRead(callback.Body, out read))
        {
            return await RecordAsync(callback, null, null, (entry, now, _) => Malformed(entry, now));
        }

        var result = read;
        var receiptTaken = false;
        while (true)
        {
            try
            {
                var processed = await RecordAsync(callback, result.ResultCode, result.Receipt?.PaidAt, (entry, now, ct) => ApplyStkAsync(entry, result, receiptTaken, now, ct));
                if (processed is { Callback.Outcome: CallbackOutcome.Unmatched, Payment: null } && lookAgainIfUnmatched
                    && await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, CancellationToken.None) is not null)
                {
                    // The push's answer was committed between the lookup and this commit, after the request that sent the
                    // push looked for early callbacks: apply it now.
                    return await ProcessAsync(processed.Callback, result, lookAgainIfUnmatched: false);
                }

                return processed;
            }
            catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.MpesaReceiptNumber && !receiptTaken)
            {
                // M-Pesa receipts are unique: another payment holds this one. Not applied; this payment is flagged.
                payments.UnitOfWork.DiscardChanges();
                receiptTaken = true;
                callback = await inbox.FindAsync(callback.Id, CancellationToken.None) ?? callback;
            }
        }
    }

    /// <summary>An STK callback applied to the payment whose attempt it names; kept Unmatched until that attempt is known.</summary>
    private async Task<Payment?> ApplyStkAsync(InboundCallback entry, StkResult result, bool receiptTaken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, cancellationToken);
        if (payment is null)
        {
            if (entry.Outcome != CallbackOutcome.Unmatched)
            {
                entry.MarkUnmatched(result.CheckoutRequestId, now);
            }

            return null;
        }

        StkResultApplication applied;
        if (receiptTaken)
        {
            payment.RecordReceiptConflict(now);
            applied = StkResultApplication.FlaggedForReview;
        }
        else
        {
            // The payment was found by this CheckoutRequestID, so one of its attempts has it: the result applies to it.
            applied = payment.ApplyStkResult(result, now) is { IsSuccess: true, Value: var application }
                ? application
                : throw new InvalidOperationException($"Payment {payment.Id} was found by a CheckoutRequestID none of its attempts has.");
        }

        entry.MarkProcessed(payment.Id, result.CheckoutRequestId, applied, now);
        return payment;
    }

    /// <summary>A Transaction Status result recorded on the payment it is about, matched by conversation or receipt.</summary>
    private async Task<Payment?> ApplyTransactionStatusAsync(InboundCallback entry, TransactionStatusReport report, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var payment = await payments.FindByVerificationAsync(report.ConversationId, report.OriginatorConversationId, report.ReceiptNumber, cancellationToken);
        if (payment is null || Verification.Record(payment, report, now).IsFailure)
        {
            entry.MarkUnmatched(now);
            return null;
        }

        entry.MarkApplied(payment.Id, now);
        return payment;
    }

    private static Task<Payment?> Malformed(InboundCallback entry, DateTimeOffset now)
    {
        entry.MarkMalformed(now);
        return Task.FromResult<Payment?>(null);
    }

    /// <summary>
    /// Records the callback through the one loop of every callback (<see cref="CallbackRecorder"/>), in a span of its own
    /// that names the payment once matched; its outcome is logged once, and counted once (<see cref="ShieldMetrics"/>:
    /// when this call recorded the callback's first outcome, after the commit), with the lag from the TransactionDate
    /// Safaricom sent (<paramref name="paidAt"/>) to its receipt.
    /// </summary>
    private async Task<ProcessedCallback> RecordAsync(InboundCallback callback, string? resultCode, DateTimeOffset? paidAt,
        Func<InboundCallback, DateTimeOffset, CancellationToken, Task<Payment?>> apply)
    {
        using var activity = ShieldTelemetry.Source.StartActivity("ApplyCallback");
        activity?.SetTag(CallbackKindAttribute, callback.Kind.ToString());
        var first = callback.Outcome == CallbackOutcome.Received;
        var recorded = await new CallbackRecorder(inbox, payments.UnitOfWork, clock).RecordAsync(callback, apply);
        var paymentId = recorded.Subject?.Id ?? recorded.Callback.PaymentId;
        if (activity is not null)
        {
            activity.SetTag(CallbackOutcomeAttribute, recorded.Callback.Outcome.ToString());
            if (paymentId is { } id)
            {
                activity.SetTag(ShieldTelemetry.PaymentIdAttribute, id.Value);
            }
        }

        if (recorded.ByThisCall)
        {
            LogOutcome(recorded.Callback, resultCode ?? "-", recorded.Subject);
            if (first && metrics is not null && callback.Kind == CallbackKind.StkCallback)
            {
                metrics.CallbackReceived(MetricOutcome(recorded.Callback.Outcome), paidAt is { } at ? recorded.Callback.ReceivedAt - at : null);
            }
        }

        return new ProcessedCallback(recorded.Callback, recorded.Subject);
    }

    /// <summary>A callback's outcome as <c>shield.callbacks.received</c> names it.</summary>
    private static string MetricOutcome(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Applied or CallbackOutcome.FlaggedForReview => "applied",
        CallbackOutcome.Duplicate => "duplicate",
        CallbackOutcome.Unmatched => "unmatched",
        CallbackOutcome.RecordedOnly => "late",
        CallbackOutcome.Malformed => "unparsed",
        CallbackOutcome.SourceRejected => "refused",
        _ => "unparsed",
    };

    private void LogOutcome(InboundCallback entry, string resultCode, Payment? payment)
    {
        if (entry.Outcome == CallbackOutcome.Malformed)
        {
            LogMalformed(logger, entry.Id, entry.Kind);
        }
        else if (entry.Kind != CallbackKind.StkCallback)
        {
            LogTransactionStatusCallback(logger, entry.Id, entry.Kind, entry.Outcome, resultCode, payment?.Id.Value, payment?.Verification?.Status);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            // Daraja's CheckoutRequestIDs end with the customer's number: logged masked.
            var checkoutRequestId = Msisdn.MaskIn(entry.CheckoutRequestId);
            if (payment is null)
            {
                LogStkCallbackUnmatched(logger, entry.Id, resultCode, checkoutRequestId);
            }
            else
            {
                LogStkCallback(logger, entry.Id, entry.Outcome, resultCode, payment.Id.Value, checkoutRequestId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} (StkCallback) {Outcome}: ResultCode {ResultCode} for payment {PaymentId}, CheckoutRequestID {CheckoutRequestId}")]
    private static partial void LogStkCallback(ILogger logger, Guid callbackId, CallbackOutcome outcome, string resultCode, Guid paymentId, string checkoutRequestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} (StkCallback) Unmatched: ResultCode {ResultCode}, CheckoutRequestID {CheckoutRequestId} is on no attempt yet; kept until it is")]
    private static partial void LogStkCallbackUnmatched(ILogger logger, Guid callbackId, string resultCode, string checkoutRequestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} ({Kind}) {Outcome}: ResultCode {ResultCode} for payment {PaymentId}, verification {Verification}")]
    private static partial void LogTransactionStatusCallback(ILogger logger, Guid callbackId, CallbackKind kind, CallbackOutcome outcome, string resultCode,
        Guid? paymentId, VerificationStatus? verification);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {CallbackId} ({Kind}) Malformed: not a notification Shield can read; kept as received")]
    private static partial void LogMalformed(ILogger logger, Guid callbackId, CallbackKind kind);
}
