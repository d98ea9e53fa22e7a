using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>The raw callbacks Safaricom sent, stored before they are read. Shares the payments' unit of work.</summary>
public interface ICallbackInbox
{
    void Add(InboundCallback callback);

    /// <summary>The callback, tracked: the instance already tracked when there is one (it is not read again), else read.</summary>
    Task<InboundCallback?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Callbacks kept as Unmatched for this CheckoutRequestID, oldest first.</summary>
    Task<IReadOnlyList<InboundCallback>> ListUnmatchedAsync(string checkoutRequestId, CancellationToken cancellationToken);

    /// <summary>
    /// Callbacks stored but never processed (still Received: the process died, or the database failed, right after the
    /// body was stored) of these <paramref name="kinds"/> that arrived before <paramref name="receivedBefore"/>, oldest first, at most
    /// <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<InboundCallback>> ListUnprocessedAsync(IReadOnlyList<CallbackKind> kinds, DateTimeOffset receivedBefore, int take,
        CancellationToken cancellationToken);

    /// <summary>
    /// STK callbacks still Unmatched that arrived since <paramref name="since"/>, newest first (ones that never match do not
    /// crowd out new ones), at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<InboundCallback>> ListUnmatchedStkCallbacksAsync(DateTimeOffset since, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Callbacks of these <paramref name="kinds"/> kept Unmatched that arrived since <paramref name="since"/>, newest first
    /// (ones that never match do not crowd out new ones), at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<InboundCallback>> ListUnmatchedAsync(IReadOnlyList<CallbackKind> kinds, DateTimeOffset since, int take, CancellationToken cancellationToken);
}
