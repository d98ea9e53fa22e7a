using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// Processes a callback already stored raw: reads its body, applies it to its payment and records what became of it,
/// in one commit, decided again after a conflict. The same steps serve the request that stored it, the reconciler's
/// sweep of callbacks left unprocessed (the process died, or the database failed, right after the body was stored),
/// and callbacks kept Unmatched until their attempt is known. A callback's outcome is its row's concurrency token, so
/// when two of these race, exactly one records it and the other finds it processed.
/// Everything here records what Safaricom already did: it is never cancelled.
/// </summary>
public sealed partial class CallbackProcessor(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader stkReader,
    ITransactionStatusResultReader statusReader,
    TimeProvider clock,
    ILogger<CallbackProcessor> logger)
{
    /// <summary>Processes a callback its request has just stored (still tracked by this unit of work).</summary>
    public Task<ProcessedCallback> ProcessStoredAsync(InboundCallback stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Process(stored, lookAgainIfUnmatched: true);
    }

    /// <summary>
    /// Processes a stored callback by its id, read afresh (tracked): for work that lists callbacks first, since a
    /// conflict or a failure on one of them forgets everything the unit of work tracked, the others included.
    /// Returns null when there is no such callback.
    /// </summary>
    public async Task<ProcessedCallback?> ProcessAsync(Guid callbackId, bool lookAgainIfUnmatched = true) =>
        await inbox.FindAsync(callbackId, CancellationToken.None) is { } callback ? await Process(callback, lookAgainIfUnmatched) : null;

    /// <summary>
    /// Applies the STK callbacks kept Unmatched for <paramref name="checkoutRequestId"/>, now that its attempt is known
    /// (a callback can beat the commit of the push's answer). Returns the payment as it then stands, or null when none waited.
    /// </summary>
    public async Task<Payment?> ApplyWaitingAsync(string checkoutRequestId)
    {
        Payment? payment = null;
        foreach (var id in (await inbox.ListUnmatchedAsync(checkoutRequestId, CancellationToken.None)).Select(c => c.Id).ToList())
        {
            payment = (await ProcessAsync(id, lookAgainIfUnmatched: false))?.Payment ?? payment;
        }

        return payment;
    }

    private Task<ProcessedCallback> Process(InboundCallback callback, bool lookAgainIfUnmatched) =>
        callback.Kind == CallbackKind.StkCallback ? ProcessStkAsync(callback, lookAgainIfUnmatched) : ProcessTransactionStatusAsync(callback);

    private async Task<ProcessedCallback> ProcessStkAsync(InboundCallback callback, bool lookAgainIfUnmatched)
    {
        if (!stkReader.TryRead(callback.Body, out var result))
        {
            return await MarkMalformedAsync(callback);
        }

        var rounds = 0;
        var receiptTaken = false;
        while (true)
        {
            InboundCallback? entry = null;
            Payment? payment = null;
            var recorded = false;
            try
            {
                await payments.UnitOfWork.SaveAsync<InboundCallback?>(async ct =>
                {
                    payment = null;
                    recorded = false;
                    entry = await EntryAsync(callback, rounds++, ct);
                    if (entry is not { AwaitsProcessing: true })
                    {
                        return entry; // another writer recorded it meanwhile
                    }

                    recorded = true;

                    payment = await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, ct);
                    var now = clock.GetUtcNow();
                    if (payment is null)
                    {
                        // A callback can beat the commit of the push's answer: kept, applied once the attempt is known.
                        if (entry.Outcome != CallbackOutcome.Unmatched)
                        {
                            entry.MarkUnmatched(result.CheckoutRequestId, now);
                        }
                    }
                    else if (receiptTaken)
                    {
                        payment.RecordReceiptConflict(now);
                        entry.MarkProcessed(payment.Id, result.CheckoutRequestId, StkResultApplication.FlaggedForReview, now);
                    }
                    else
                    {
                        entry.MarkProcessed(payment.Id, result.CheckoutRequestId, payment.ApplyStkResult(result, now).Value, now);
                    }

                    return entry;
                }, ConflictRetry.MaxRecordRounds, CancellationToken.None);
            }
            catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.MpesaReceiptNumber && !receiptTaken)
            {
                // M-Pesa receipts are unique: another payment holds this one. Not applied; this payment is flagged.
                payments.UnitOfWork.DiscardChanges();
                receiptTaken = true;
                continue;
            }

            // Daraja's CheckoutRequestIDs end with the customer's number: logged masked.
            if (recorded && entry is not null && logger.IsEnabled(LogLevel.Information))
            {
                var checkoutRequestId = Msisdn.MaskIn(result.CheckoutRequestId);
                if (payment is null)
                {
                    LogStkCallbackUnmatched(logger, entry.Id, result.ResultCode, checkoutRequestId);
                }
                else
                {
                    LogStkCallback(logger, entry.Id, entry.Outcome, result.ResultCode, payment.Id.Value, checkoutRequestId);
                }
            }

            if (entry is { Outcome: CallbackOutcome.Unmatched } && payment is null && lookAgainIfUnmatched
                && await payments.FindByCheckoutRequestIdAsync(result.CheckoutRequestId, CancellationToken.None) is not null)
            {
                // The push's answer was committed between the lookup and this commit, after the request that sent the
                // push looked for early callbacks: apply it now.
                return await ProcessStkAsync(entry, lookAgainIfUnmatched: false);
            }

            return new ProcessedCallback(entry ?? callback, payment);
        }
    }

    private async Task<ProcessedCallback> ProcessTransactionStatusAsync(InboundCallback callback)
    {
        if (!statusReader.TryRead(callback.Body, callback.Kind == CallbackKind.TransactionStatusTimeout, out var report))
        {
            return await MarkMalformedAsync(callback);
        }

        var rounds = 0;
        InboundCallback? entry = null;
        Payment? payment = null;
        var recorded = false;
        await payments.UnitOfWork.SaveAsync<InboundCallback?>(async ct =>
        {
            payment = null;
            recorded = false;
            entry = await EntryAsync(callback, rounds++, ct);
            if (entry is not { AwaitsProcessing: true })
            {
                return entry;
            }

            recorded = true;
            payment = await payments.FirstOrDefaultAsync(
                new PaymentByVerificationSpec(report.ConversationId, report.OriginatorConversationId, report.ReceiptNumber), ct);
            var now = clock.GetUtcNow();
            if (payment is null)
            {
                entry.MarkUnmatched(now);
            }
            else
            {
                payment.RecordVerification(report, now);
                entry.MarkApplied(payment.Id, now);
            }

            return entry;
        }, ConflictRetry.MaxRecordRounds, CancellationToken.None);
        if (recorded && entry is not null)
        {
            LogTransactionStatusCallback(logger, entry.Id, entry.Kind, entry.Outcome, report.ResultCode, payment?.Id.Value, payment?.Verification?.Status);
        }

        return new ProcessedCallback(entry ?? callback, payment);
    }

    private async Task<ProcessedCallback> MarkMalformedAsync(InboundCallback callback)
    {
        var rounds = 0;
        InboundCallback? entry = null;
        var recorded = false;
        await payments.UnitOfWork.SaveAsync<InboundCallback?>(async ct =>
        {
            entry = await EntryAsync(callback, rounds++, ct);
            recorded = entry is { AwaitsProcessing: true };
            if (recorded)
            {
                entry!.MarkMalformed(clock.GetUtcNow());
            }

            return entry;
        }, ConflictRetry.MaxRecordRounds, CancellationToken.None);
        if (recorded && entry is not null)
        {
            LogMalformed(logger, entry.Id, entry.Kind);
        }

        return new ProcessedCallback(entry ?? callback, null);
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

    /// <summary>The callback as tracked in the first round; read again in later ones (a conflict forgot everything tracked).</summary>
    private async Task<InboundCallback?> EntryAsync(InboundCallback callback, int round, CancellationToken cancellationToken) =>
        round == 0 ? callback : await inbox.FindAsync(callback.Id, cancellationToken);
}
