using Shield.Application.Common.Persistence;
using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// The one loop of every callback, whichever module reads it: each round reads the stored callback as it now stands (the
/// tracked instance, or afresh after a conflict forgot it); one another writer recorded meanwhile is left alone;
/// otherwise <c>apply</c> decides, and the callback's outcome is saved with the aggregate it changed, in one commit. A
/// callback's outcome is its row's concurrency token, so when two processors race, exactly one records it. Everything
/// here records what Safaricom already did: it is never cancelled.
/// </summary>
public sealed class CallbackRecorder(ICallbackInbox inbox, IUnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>
    /// Records <paramref name="callback"/>; <paramref name="apply"/> returns the aggregate it changed (null when none).
    /// <see cref="Recorded{T}.ByThisCall"/> is false when another writer had recorded it.
    /// </summary>
    public async Task<Recorded<T>> RecordAsync<T>(InboundCallback callback, Func<InboundCallback, DateTimeOffset, CancellationToken, Task<T?>> apply)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(apply);
        InboundCallback? entry = null;
        T? subject = null;
        var recorded = false;
        var saved = await unitOfWork.SaveAsync<InboundCallback?>(async ct =>
        {
            (subject, recorded) = (null, false);
            entry = await inbox.FindAsync(callback.Id, ct); // the tracked instance; read afresh after a conflict forgot it
            if (entry is not { AwaitsProcessing: true })
            {
                return entry; // another writer recorded it meanwhile
            }

            recorded = true;
            subject = await apply(entry, clock.GetUtcNow(), ct);
            return entry;
        }, ConflictRetry.MaxRecordRounds, CancellationToken.None);
        return new Recorded<T>(entry ?? callback, subject, recorded && saved.IsSuccess);
    }
}

/// <summary>A callback as recorded, the aggregate it changed, and whether this call recorded it.</summary>
public sealed record Recorded<T>(InboundCallback Callback, T? Subject, bool ByThisCall)
    where T : class;
