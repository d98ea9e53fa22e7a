namespace Shield.LoadHarness;

/// <summary>Samples a server's resident memory every 100 ms, from its start under load to the end of the run: peak and median.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly List<long> _samples = [];
    private long _peak;

    public MemorySampler(ServerProcess server) => _sampling = SampleAsync(server, _stop.Token);

    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>The steady level: half the samples were at or below it.</summary>
    public long MedianBytes
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? 0 : _samples.Order().ElementAt((_samples.Count - 1) / 2);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                var now = server.ResidentBytes;
                lock (_samples)
                {
                    _samples.Add(now);
                }

                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }
            }
            catch (InvalidOperationException)
            {
                return; // The process has exited.
            }
        }
    }
}
