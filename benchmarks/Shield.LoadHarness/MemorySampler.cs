namespace Shield.LoadHarness;

/// <summary>
/// Samples a server's resident memory every 100 ms from when it is ready to the end of the run. The peak counts every
/// sample; the steady level (median) only those taken while the harness is loading this server.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly List<long> _samples = [];
    private long _peak;

    public MemorySampler(ServerProcess server) => _sampling = SampleAsync(server, _stop.Token);

    /// <summary>Set while the harness sends this server its load.</summary>
    public bool UnderLoad { get; set; }

    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>The steady level: half the samples taken under load were at or below it.</summary>
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
                if (UnderLoad)
                {
                    lock (_samples)
                    {
                        _samples.Add(now);
                    }
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
