using Shield.Domain.Common;

namespace Shield.Application.Common.Persistence;

/// <summary>
/// The one conflict rule of every write: a round reads what it needs, decides, and is saved; when another writer saved
/// first (<see cref="ConcurrencyConflictException"/>), everything tracked is forgotten and the round runs again on what
/// the database now holds, up to <see cref="MaxRounds"/> times with a short random pause between. A round that decides
/// to refuse (a failed <see cref="Result"/>) is not saved.
/// </summary>
/// <remarks>
/// The cancellation rule: a round that records something that already happened outside (Daraja accepted a push, a
/// callback arrived) must be saved whatever happens to the request, so its caller passes
/// <see cref="CancellationToken.None"/>; a change a client asks for is cancellable until it is saved.
/// </remarks>
public static class ConflictRetry
{
    /// <summary>Rounds for a change a client asked for: after this many lost races the client is told to try again.</summary>
    public const int MaxRounds = 5;

    /// <summary>Rounds for recording something that already happened outside (Daraja's answer): far more, as it must not be lost.</summary>
    public const int MaxRecordRounds = 50;

    public static Task<Result<T>> SaveAsync<T>(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result<T>>> round,
        CancellationToken cancellationToken) => SaveAsync(unitOfWork, round, MaxRounds, cancellationToken);

    public static async Task<Result<T>> SaveAsync<T>(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result<T>>> round, int maxRounds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(round);
        for (var number = 1; ; number++)
        {
            var decision = await round(cancellationToken);
            if (decision.IsFailure)
            {
                unitOfWork.DiscardChanges();
                return decision;
            }

            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return decision;
            }
            catch (ConcurrencyConflictException) when (number < maxRounds)
            {
                unitOfWork.DiscardChanges();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * number, 200))), cancellationToken);
            }
        }
    }
}
