using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ReconcileRefunds;

/// <summary>
/// One pass of the refunds' reconciler, run with the payments' one on its timer (Reconciliation:Interval), with its
/// batch size and its wait before a callback left unprocessed is swept.
/// </summary>
public sealed record ReconcileRefundsCommand(int BatchSize, TimeSpan ReprocessCallbacksAfter) : ICommand<RefundReconciliationReport>;

/// <summary>What one pass did: callbacks processed or matched, Transaction Status questions asked, refunds given to a person, items that failed (retried next pass).</summary>
public sealed record RefundReconciliationReport(int CallbacksProcessed, int VerificationsAsked, int GivenToPerson, int Failed)
{
    public bool DidNothing => this is { CallbacksProcessed: 0, VerificationsAsked: 0, GivenToPerson: 0, Failed: 0 };
}

/// <summary>
/// Results get lost, and a process can die between two commits, so every pass: refund callbacks stored but never
/// processed are processed, and ones kept Unmatched are tried again; every open refund is asked what it needs
/// (<see cref="Refund.NextVerificationStep"/>): a Transaction Status question by its OriginatorConversationID, or a
/// person. Nothing here ever sends a reversal again.
/// </summary>
public sealed partial class ReconcileRefundsCommandHandler(
    ICallbackInbox inbox,
    ReversalCallbackProcessor callbacks,
    IRefundRepository refunds,
    RefundWriter writer,
    IReversalGateway gateway,
    IOptions<RefundOptions> options,
    TimeProvider clock,
    ILogger<ReconcileRefundsCommandHandler> logger) : ICommandHandler<ReconcileRefundsCommand, RefundReconciliationReport>
{
    public async ValueTask<RefundReconciliationReport> Handle(ReconcileRefundsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (processed, asked, given, failed) = (0, 0, 0, 0);
        var now = clock.GetUtcNow();
        var batch = command.BatchSize;
        foreach (var id in (await inbox.ListUnprocessedAsync(CallbackKinds.Refunds, now - command.ReprocessCallbacksAfter, batch, cancellationToken))
                     .Select(c => c.Id).ToList())
        {
            failed += await IsolatedAsync("callback", id, async () =>
            {
                if (await inbox.FindAsync(id, CancellationToken.None) is { } stored)
                {
                    await callbacks.ApplyAsync(stored);
                    processed++;
                }
            }, cancellationToken);
        }

        failed += await IsolatedAsync("unmatched callbacks", Guid.Empty,
            async () => processed += await callbacks.ApplyWaitingAsync(now - ReversalCallbackProcessor.UnmatchedWindow), cancellationToken);

        foreach (var id in await refunds.ListOpenAsync(batch, cancellationToken))
        {
            failed += await IsolatedAsync("refund", id.Value, async () =>
            {
                switch (await StepAsync(id))
                {
                    case VerificationStep.Ask:
                        asked++;
                        break;
                    case VerificationStep.GiveToPerson or VerificationStep.GiveUpWaiting:
                        given++;
                        break;
                }
            }, cancellationToken);
        }

        return new RefundReconciliationReport(processed, asked, given, failed);
    }

    /// <summary>Does what the refund needs now, and says what that was.</summary>
    private async Task<VerificationStep> StepAsync(RefundId id)
    {
        var settings = options.Value;
        var refund = await refunds.FindAsync(id, CancellationToken.None);
        var step = refund?.NextVerificationStep(clock.GetUtcNow(), settings.VerifyAfter) ?? VerificationStep.None;
        switch (step)
        {
            case VerificationStep.Ask:
                var answer = await gateway.RequestReversalStatusAsync(new ReversalStatusRequest(id, refund!.OriginatorConversationId!), CancellationToken.None);
                _ = await writer.RecordAsync(id, (stored, now) =>
                {
                    if (answer is ReversalSubmission.Accepted accepted)
                    {
                        stored.RecordVerificationRequested(accepted.ConversationId, accepted.OriginatorConversationId, now);
                    }
                    else
                    {
                        stored.RecordVerificationNotSent(now);
                    }
                });
                LogAsked(logger, id.Value, answer.GetType().Name);
                break;
            case VerificationStep.GiveToPerson:
                _ = await writer.RecordAsync(id, (stored, now) => stored.GiveToPerson(now));
                LogGivenToPerson(logger, id.Value, "Transaction Status never showed the reversal done");
                break;
            case VerificationStep.GiveUpWaiting:
                _ = await writer.RecordAsync(id, (stored, now) => stored.RecordAnswerLost(now));
                LogGivenToPerson(logger, id.Value, "Daraja's answer to its request was never recorded");
                break;
        }

        return step;
    }

    private async Task<int> IsolatedAsync(string kind, Guid id, Func<Task> work, CancellationToken cancellationToken) =>
        await IsolatedWork.RunAsync(refunds.UnitOfWork, logger, kind, id, work, cancellationToken) ? 0 : 1;

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId}: asked Transaction Status about its reversal ({Answer})")]
    private static partial void LogAsked(ILogger logger, Guid refundId, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} is Unknown and needs a person to settle it from the M-Pesa statement: {Why}")]
    private static partial void LogGivenToPerson(ILogger logger, Guid refundId, string why);
}
