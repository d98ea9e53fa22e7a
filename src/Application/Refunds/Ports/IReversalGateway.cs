namespace Shield.Application.Refunds.Ports;

/// <summary>Safaricom's Reversal API (REFERENCE.md §11), in Shield's words. The Daraja adapter implements it.</summary>
public interface IReversalGateway
{
    /// <summary>
    /// Sends one reversal request. Never retried: the request has no idempotency key, so a second one could refund twice.
    /// The result comes later, to ResultURL (or a notice to QueueTimeOutURL).
    /// </summary>
    Task<ReversalSubmission> RequestReversalAsync(ReversalRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Asks Transaction Status about a reversal by its OriginatorConversationID (§11.6). Safe to repeat: it moves no money.
    /// The result comes later, to the reversal-status ResultURL.
    /// </summary>
    Task<ReversalSubmission> RequestReversalStatusAsync(ReversalStatusRequest request, CancellationToken cancellationToken);
}
