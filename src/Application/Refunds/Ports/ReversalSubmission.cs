using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>Daraja's synchronous answer to a reversal (or to a Transaction Status query about one), REFERENCE.md §11.2.</summary>
public abstract record ReversalSubmission
{
    private ReversalSubmission()
    {
    }

    /// <summary>HTTP 200, ResponseCode "0": queued, not done. The ids are the only handle on it until the result arrives.</summary>
    public sealed record Accepted(string ConversationId, string? OriginatorConversationId) : ReversalSubmission;

    /// <summary>A 4xx with Daraja's error body (or a request Shield could not make): not sent.</summary>
    public sealed record Rejected(string ErrorCode, string ErrorMessage) : ReversalSubmission;

    /// <summary>A 5xx, an unreadable answer or a timeout: maybe sent.</summary>
    public sealed record NoAnswer(ReversalNoAnswer Reason) : ReversalSubmission;
}
