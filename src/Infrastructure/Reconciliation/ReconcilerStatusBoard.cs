using Shield.Application.Payments.Contracts;

namespace Shield.Infrastructure.Reconciliation;

/// <summary>The reconciler's last pass, in this process's memory (one writer: the reconciliation service).</summary>
internal sealed class ReconcilerStatusBoard : IReconcilerStatus
{
    private readonly Lock _gate = new();
    private ReconcilerStatus? _last;

    public ReconcilerStatus? Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public void Record(ReconcilerStatus pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        lock (_gate)
        {
            _last = pass with { LastSucceededAt = pass.Failed ? _last?.LastSucceededAt : pass.FinishedAt };
        }
    }
}
