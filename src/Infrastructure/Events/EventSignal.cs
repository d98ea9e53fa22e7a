namespace Shield.Infrastructure.Events;

/// <summary>Tells this process's dispatcher that a commit wrote events, so it delivers them now rather than at its next poll.</summary>
internal class EventSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Called after the commit: nothing leaves the process before it.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // another commit signalled at the same moment: one wake-up is enough
            }
        }
    }

    /// <summary>Waits for a signal, or <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }
}
