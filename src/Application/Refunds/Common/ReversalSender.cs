using Microsoft.Extensions.Logging;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Common;

/// <summary>
/// Sends a stored refund's reversal request to Daraja once, outside any transaction, and records Daraja's answer in a
/// second commit (never cancelled: the answer is a fact). An acknowledgement keeps the conversation ids; a 4xx fails the
/// refund (nothing was sent); anything else leaves it Unknown, never sent again. Results that arrived before the
/// acknowledgement was committed are then applied.
/// </summary>
public sealed partial class ReversalSender(
    IReversalGateway gateway,
    RefundWriter writer,
    ReversalCallbackProcessor callbacks,
    ILogger<ReversalSender> logger)
{
    public async Task<Refund> SendAsync(Refund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        // The request is sent whatever happens to the client's request now: it was stored to be sent.
        var answer = await gateway.RequestReversalAsync(new ReversalRequest(refund.Id, refund.ReceiptNumber, refund.Amount, refund.Reason.Remarks),
            CancellationToken.None);
        Result<Refund> recorded;
        try
        {
            recorded = await RecordAsync(refund, answer);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAnswerNotRecorded(logger, refund.Id.Value, answer.ToString(), exception.GetType().Name);
            throw;
        }

        if (recorded.IsFailure)
        {
            LogAnswerNotRecorded(logger, refund.Id.Value, answer.ToString(), recorded.Error!.Code);
        }

        var saved = recorded.IsSuccess ? recorded.Value : refund;
        switch (answer)
        {
            case ReversalSubmission.Rejected rejected:
                LogRejected(logger, refund.Id.Value, rejected.ErrorCode);
                break;
            case ReversalSubmission.NoAnswer noAnswer:
                LogNoAnswer(logger, refund.Id.Value, noAnswer.Reason);
                break;
            default:
                LogSubmitted(logger, refund.Id.Value);
                // Results kept Unmatched since it was sent (its approval, when it waited for one) may be its own.
                if (await callbacks.ApplyWaitingAsync(refund.ApprovedAt ?? refund.CreatedAt) > 0 && await writer.ReloadAsync(refund.Id) is { } reloaded)
                {
                    saved = reloaded;
                }

                break;
        }

        return saved;
    }

    private Task<Result<Refund>> RecordAsync(Refund refund, ReversalSubmission answer) =>
        writer.RecordAsync(refund.Id, (stored, now) =>
        {
            switch (answer)
            {
                case ReversalSubmission.Accepted accepted:
                    stored.RecordSubmitted(accepted.ConversationId, accepted.OriginatorConversationId, now);
                    break;
                case ReversalSubmission.Rejected rejected:
                    stored.RecordNotSent(rejected.ErrorCode, rejected.ErrorMessage, now);
                    break;
                case ReversalSubmission.NoAnswer noAnswer:
                    stored.RecordNoAnswer(noAnswer.Reason, now);
                    break;
            }
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId}: Daraja's answer could not be recorded ({Reason}); it was {Answer}: keep these ids to verify or settle it")]
    private static partial void LogAnswerNotRecorded(ILogger logger, Guid refundId, string answer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId}: Daraja accepted the reversal request; waiting for M-Pesa's result")]
    private static partial void LogSubmitted(ILogger logger, Guid refundId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: Daraja refused the reversal request ({ErrorCode}); nothing was sent, the refund failed")]
    private static partial void LogRejected(ILogger logger, Guid refundId, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: no usable answer to the reversal request ({Reason}); it may have been carried out: Unknown, never sent again")]
    private static partial void LogNoAnswer(ILogger logger, Guid refundId, ReversalNoAnswer reason);
}
