using Shield.DarajaSimulator.Callbacks;

namespace Shield.DarajaSimulator.TransactionStatus;

/// <summary>A Transaction Status or reversal result (or queue timeout) to post once, at <paramref name="DueAt"/>.</summary>
/// <param name="Url">ResultURL, or QueueTimeOutURL for a timeout. Secret (it may carry a path secret): never log it.</param>
/// <param name="Body">The JSON body, exactly as posted; the journal keeps it too.</param>
/// <param name="ConversationId">The ConversationID the acknowledgement returned: what logs name the result by.</param>
/// <param name="Outcome">Short outcome name for logs, e.g. <c>success</c> or <c>queue-timeout</c>.</param>
/// <param name="DueAt">When to post it: CallbackDelay after the query was accepted.</param>
/// <param name="IsReversal">A reversal's result (or queue timeout) rather than a Transaction Status result: journalled apart.</param>
internal sealed record ScheduledResult(Uri Url, string Body, string ConversationId, string Outcome, DateTimeOffset DueAt, bool IsReversal = false)
    : ScheduledPost(DueAt);
