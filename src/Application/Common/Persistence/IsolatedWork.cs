using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace Shield.Application.Common.Persistence;

/// <summary>
/// The isolation of one item's work in a background pass (the payments' and the refunds' reconcilers): one that fails
/// is logged and left to the next pass without stopping the others, and what it tracked is forgotten. A database that
/// cannot be reached stops the pass (every other item would fail alike), as does the host stopping.
/// </summary>
public static partial class IsolatedWork
{
    /// <summary>Runs <paramref name="work"/>; false when it failed (logged, its changes discarded).</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One item's failure must not stop the others; it is logged and retried next pass.")]
    public static async Task<bool> RunAsync(IUnitOfWork unitOfWork, ILogger logger, string kind, Guid id, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work();
            return true;
        }
        catch (Exception exception) when (exception is not DatabaseUnavailableException
            && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            unitOfWork.DiscardChanges();
            LogItemFailed(logger, kind, id, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of {Kind} {Id} failed ({ExceptionType}); the next pass tries again")]
    private static partial void LogItemFailed(ILogger logger, string kind, Guid id, string exceptionType);
}
