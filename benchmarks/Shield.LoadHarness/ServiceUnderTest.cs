namespace Shield.LoadHarness;

/// <summary>A running service (Shield or the baseline), its own simulator, and the clients that load it.</summary>
internal sealed class ServiceUnderTest(string name, ServerProcess server, SimulatorHost simulator, int concurrency) : IAsyncDisposable
{
    private readonly MemorySampler _memory = new(server);

    public string Name { get; } = name;

    public ServerProcess Server { get; } = server;

    public SimulatorHost Simulator { get; } = simulator;

    /// <summary>Closed-loop client: at most <c>concurrency</c> connections.</summary>
    public LoadGenerator Closed { get; } = new(server.BaseUrl, concurrency);

    /// <summary>Open-loop client: enough connections that the client never queues.</summary>
    public LoadGenerator Paced { get; } = new(server.BaseUrl, 256);

    public long PeakResidentBytes => _memory.PeakBytes;

    public long MedianResidentBytes => _memory.MedianBytes;

    /// <summary>Runs one workload on this service, its memory samples counted as under load.</summary>
    public async Task<Measurement> LoadAsync(Func<ServiceUnderTest, Task<Measurement>> workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        _memory.UnderLoad = true;
        try
        {
            return await workload(this);
        }
        finally
        {
            _memory.UnderLoad = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _memory.DisposeAsync();
        Closed.Dispose();
        Paced.Dispose();
        await Server.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
