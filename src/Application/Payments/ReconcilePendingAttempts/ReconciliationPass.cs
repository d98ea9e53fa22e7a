using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;

namespace Shield.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// One pass of the reconciler: what it did, and the isolation of each payment's and callback's work, so that one that
/// fails is logged and left to the next pass without stopping the others. A database that cannot be reached stops the
/// pass (every other item would fail alike), as does the host stopping.
/// </summary>
public sealed class ReconciliationPass(IPaymentRepository payments, ILogger<ReconciliationPass> logger)
{
    public int Queried { get; set; }

    public int Settled { get; set; }

    public int Expired { get; set; }

    public int Matched { get; set; }

    public int Swept { get; set; }

    public int Failed { get; private set; }

    public ReconciliationReport Report => new(Queried, Settled, Expired, Matched, Swept, Failed);

    /// <summary>Runs one payment's or callback's work in isolation (<see cref="IsolatedWork"/>), counting it when it failed.</summary>
    public async Task IsolatedAsync(string kind, Guid id, Func<Task> work, CancellationToken cancellationToken)
    {
        if (!await IsolatedWork.RunAsync(payments.UnitOfWork, logger, kind, id, work, cancellationToken))
        {
            Failed++;
        }
    }
}
