using Microsoft.Extensions.Logging;
using Shield.Application.Common.Callbacks;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Common;

/// <summary>
/// Reads the callbacks about refunds, already stored raw, and applies each to its refund through the one loop of every
/// callback (<see cref="CallbackRecorder"/>): M-Pesa's reversal results (matched by conversation ids, or a success by the
/// receipt it reversed), queue-timeout notices (never failures), and Transaction Status answers about a reversal. One
/// that matches no refund yet is kept Unmatched and tried again (its acknowledgement may not be committed yet).
/// </summary>
public sealed partial class ReversalCallbackProcessor(
    IRefundRepository refunds,
    ICallbackInbox inbox,
    IReversalResultReader reader,
    TimeProvider clock,
    ILogger<ReversalCallbackProcessor> logger) : ICallbackApplier
{
    /// <summary>How far back callbacks kept Unmatched are tried again, and how many at once.</summary>
    public static readonly TimeSpan UnmatchedWindow = TimeSpan.FromDays(2);

    public const int UnmatchedBatch = 50;

    public IReadOnlyList<CallbackKind> Kinds => CallbackKinds.Refunds;

    public async Task<InboundCallback> ApplyAsync(InboundCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var recorder = new CallbackRecorder(inbox, refunds.UnitOfWork, clock);
        Recorded<Refund> recorded;
        string? resultCode = null;
        switch (callback.Kind)
        {
            case CallbackKind.ReversalResult when reader.TryReadResult(callback.Body, out var result):
                resultCode = result.ResultCode;
                recorded = await recorder.RecordAsync<Refund>(callback, async (entry, now, ct) =>
                {
                    // By the conversation ids; a success (which names the receipt it reversed) also by that receipt, when one refund
                    // alone of it was never acknowledged: the result beat the commit of Daraja's acknowledgement.
                    var refund = await refunds.FindByConversationAsync(result.ConversationId, result.OriginatorConversationId, ct)
                        ?? (result is { ResultCode: ReversalCatalogue.Reversed, OriginalTransactionId: { Length: > 0 } original }
                            && await refunds.ListUnacknowledgedByReceiptAsync(original, ct) is [var only]
                            ? only
                            : null);
                    return Apply(entry, refund, r => r.ApplyResult(result, now), now);
                });
                break;
            case CallbackKind.ReversalTimeout:
                var (conversationId, originatorConversationId) = reader.ReadTimeoutNotice(callback.Body);
                resultCode = "queue_timeout";
                recorded = await recorder.RecordAsync<Refund>(callback, async (entry, now, ct) =>
                    Apply(entry, await refunds.FindByConversationAsync(conversationId, originatorConversationId, ct), r => r.RecordQueueTimeout(now), now));
                break;
            case CallbackKind.ReversalStatusResult or CallbackKind.ReversalStatusTimeout
                when reader.TryReadStatus(callback.Body, callback.Kind == CallbackKind.ReversalStatusTimeout, out var report):
                resultCode = report.ResultCode;
                recorded = await recorder.RecordAsync<Refund>(callback, async (entry, now, ct) =>
                    Apply(entry, await refunds.FindByVerificationAsync(report.ConversationId, report.OriginatorConversationId, ct),
                        r => r.RecordVerification(report, now), now));
                break;
            default:
                recorded = await recorder.RecordAsync<Refund>(callback, (entry, now, _) =>
                {
                    entry.MarkMalformed(now);
                    return Task.FromResult<Refund?>(null);
                });
                break;
        }

        if (recorded.ByThisCall)
        {
            LogOutcome(recorded.Callback, resultCode, recorded.Subject);
        }

        return recorded.Callback;
    }

    /// <summary>Tries again the refund callbacks kept Unmatched since <paramref name="since"/> (their refund may be known now); returns how many matched.</summary>
    public async Task<int> ApplyWaitingAsync(DateTimeOffset since)
    {
        var matched = 0;
        foreach (var id in (await inbox.ListUnmatchedAsync(Kinds, since, UnmatchedBatch, CancellationToken.None)).Select(c => c.Id).ToList())
        {
            if (await inbox.FindAsync(id, CancellationToken.None) is { } waiting && (await ApplyAsync(waiting)).Outcome != CallbackOutcome.Unmatched)
            {
                matched++;
            }
        }

        return matched;
    }

    private static Refund? Apply(InboundCallback entry, Refund? refund, Func<Refund, ReversalApplication> apply, DateTimeOffset now)
    {
        if (refund is null)
        {
            if (entry.Outcome != CallbackOutcome.Unmatched)
            {
                entry.MarkUnmatched(now);
            }

            return null;
        }

        entry.MarkRefundProcessed(refund.Id, refund.PaymentId, apply(refund), now);
        return refund;
    }

    private void LogOutcome(InboundCallback entry, string? resultCode, Refund? refund)
    {
        if (entry.Outcome == CallbackOutcome.Malformed)
        {
            LogMalformed(logger, entry.Id, entry.Kind);
            return;
        }

        LogCallback(logger, entry.Id, entry.Kind, entry.Outcome, resultCode ?? "-", refund?.Id.Value, refund?.Status);
        if (refund is { Review: RefundReview.SecondReversal } && entry.Outcome == CallbackOutcome.FlaggedForReview)
        {
            // Money may have gone back twice: a person must look now (the second receipt is in the stored callback).
            LogSecondReversal(logger, refund.Id.Value, entry.Id);
        }

        if (refund is { Failure: { ResultCode: { } code } failure } && entry is { Kind: CallbackKind.ReversalResult, Outcome: CallbackOutcome.Applied }
            && ReversalCatalogue.Describe(code).Alert)
        {
            // Shield's own M-Pesa set-up (the initiator, its role, the shortcode) or the Utility balance is at fault: every refund will fail alike.
            LogSetUpFailure(logger, refund.Id.Value, code, failure.Code, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} ({Kind}) {Outcome}: ResultCode {ResultCode} for refund {RefundId}, now {Status}")]
    private static partial void LogCallback(ILogger logger, Guid callbackId, CallbackKind kind, CallbackOutcome outcome, string resultCode, Guid? refundId,
        RefundStatus? status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId} failed with ResultCode {ResultCode} ({FailureCode}): {Remedy}")]
    private static partial void LogSetUpFailure(ILogger logger, Guid refundId, string resultCode, string failureCode, string remedy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId}: a second success with another reversal receipt (callback {CallbackId}): the customer may have been refunded twice")]
    private static partial void LogSecondReversal(ILogger logger, Guid refundId, Guid callbackId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {CallbackId} ({Kind}) Malformed: not a notification Shield can read; kept as received")]
    private static partial void LogMalformed(ILogger logger, Guid callbackId, CallbackKind kind);
}
