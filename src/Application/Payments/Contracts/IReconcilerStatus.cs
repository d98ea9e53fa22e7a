namespace Shield.Application.Payments.Contracts;

/// <summary>
/// How fresh the reconciler is: the background service records each pass it finishes, operators read the last. In
/// memory, per instance (one process's passes; nothing survives a restart).
/// </summary>
public interface IReconcilerStatus
{
    /// <summary>The last finished pass of this instance; null before its first.</summary>
    ReconcilerStatus? Last { get; }

    /// <summary>Records a finished pass (its <see cref="ReconcilerStatus.LastSucceededAt"/> is filled in from the passes before).</summary>
    void Record(ReconcilerStatus pass);
}
