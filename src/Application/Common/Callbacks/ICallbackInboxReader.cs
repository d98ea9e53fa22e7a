using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>The callback inbox's query side, for operators: rows read untracked, whichever module reads their kind.</summary>
public interface ICallbackInboxReader
{
    /// <summary>One page of the callbacks with one of these <paramref name="outcomes"/> (of this <paramref name="kind"/> when given), newest first.</summary>
    Task<InboundCallbackPage> ListAsync(IReadOnlyCollection<CallbackOutcome> outcomes, CallbackKind? kind, int page, int pageSize,
        CancellationToken cancellationToken);

    /// <summary>The callback with its raw body, or null.</summary>
    Task<InboundCallbackDetails?> FindAsync(Guid id, CancellationToken cancellationToken);
}
