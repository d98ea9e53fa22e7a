using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Common;
using Shield.Domain.Callbacks;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// Safaricom's callbacks get lost, and a process can die between two commits, so every instance runs this on a timer:
/// callbacks stored but never processed are processed; every attempt due is queried and settled or expired
/// (<see cref="AttemptReconciler"/>); stray callbacks are matched (<see cref="StrayCallbackMatcher"/>). Each payment and
/// callback is decided and saved on its own (<see cref="ReconciliationPass"/>). Nothing here ever re-sends a push.
/// </summary>
public sealed class ReconcilePendingAttemptsCommandHandler(
    ICallbackInbox inbox,
    CallbackProcessor callbacks,
    AttemptReconciler attempts,
    StrayCallbackMatcher strays,
    ReconciliationPass pass,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock) : ICommandHandler<ReconcilePendingAttemptsCommand, ReconciliationReport>
{
    public async ValueTask<ReconciliationReport> Handle(ReconcilePendingAttemptsCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // Listed first, then each read again by id: a conflict or failure on one forgets everything tracked.
        var unprocessed = await inbox.ListUnprocessedAsync(CallbackKinds.Payments, clock.GetUtcNow() - settings.ReprocessCallbacksAfter, settings.BatchSize, cancellationToken);
        foreach (var id in unprocessed.Select(c => c.Id).ToList())
        {
            await pass.IsolatedAsync("callback", id, async () => pass.Swept += await callbacks.ProcessAsync(id) is null ? 0 : 1, cancellationToken);
        }

        await attempts.ReconcileDueAsync(pass, settings, cancellationToken);
        await strays.MatchAsync(pass, settings, cancellationToken);
        return pass.Report;
    }
}
