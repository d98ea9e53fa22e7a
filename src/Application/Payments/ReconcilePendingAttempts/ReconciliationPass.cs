using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// One pass of the reconciler: what it did, and the isolation of each payment's and callback's work, so that one that
/// fails is logged and left to the next pass without stopping the others. A database that cannot be reached stops the
/// pass (every other item would fail alike), as does the host stopping.
/// </summary>
public sealed partial class ReconciliationPass(IPaymentRepository payments, ILogger<ReconciliationPass> logger)
{
    public int Queried { get; set; }

    public int Settled { get; set; }

    public int Expired { get; set; }

    public int Matched { get; set; }

    public int Swept { get; set; }

    public int Failed { get; private set; }

    public ReconciliationReport Report => new(Queried, Settled, Expired, Matched, Swept, Failed);

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One payment's failure must not stop the others; it is logged and retried next pass.")]
    public async Task IsolatedAsync(string kind, Guid id, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not DatabaseUnavailableException
            && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            payments.UnitOfWork.DiscardChanges();
            Failed++;
            LogItemFailed(logger, kind, id, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of {Kind} {Id} failed ({ExceptionType}); the next pass tries again")]
    private static partial void LogItemFailed(ILogger logger, string kind, Guid id, string exceptionType);
}
