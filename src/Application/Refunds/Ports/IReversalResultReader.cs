using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>Reads the bodies Safaricom posts about reversals, tolerantly (REFERENCE.md §11.3).</summary>
public interface IReversalResultReader
{
    /// <summary>A body posted to the reversal ResultURL; false when it is not a result Shield can read.</summary>
    bool TryReadResult(string body, [NotNullWhen(true)] out ReversalResult? result);

    /// <summary>
    /// A body posted to the reversal QueueTimeOutURL, whose shape was never published: the conversation ids when it carries
    /// them anywhere Daraja's results carry them, else (null, null). Never fails: any body, or none, is a timeout notice.
    /// </summary>
    (string? ConversationId, string? OriginatorConversationId) ReadTimeoutNotice(string body);

    /// <summary>A Transaction Status result (or queue timeout) about a reversal; false when it is not one Shield can read.</summary>
    bool TryReadStatus(string body, bool timedOut, [NotNullWhen(true)] out ReversalStatusReport? report);
}
