using Shield.Application.Common.Persistence;
using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>The first commit of every callback handler: the raw body is stored before anything reads it.</summary>
public static class CallbackStore
{
    /// <summary>
    /// Adds <paramref name="callback"/> (marked SourceRejected when it came from an address not allowed to post) and
    /// commits it. The commit ignores the caller's cancellation: Safaricom does not send again if it hangs up, and on
    /// SQLite this commit may wait its turn behind others, so a cancelled wait would lose the body.
    /// </summary>
    public static async Task StoreAsync(this ICallbackInbox inbox, InboundCallback callback, bool fromAllowedSource, IUnitOfWork unitOfWork,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(unitOfWork);
        inbox.Add(callback);
        if (!fromAllowedSource)
        {
            callback.MarkSourceRejected(now);
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
    }
}
