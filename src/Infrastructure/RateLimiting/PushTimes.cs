namespace Shield.Infrastructure.RateLimiting;

/// <summary>The times (monotonic timestamps) of one phone's pushes inside the window, oldest first. Not thread-safe: lock it.</summary>
internal sealed class PushTimes
{
    private readonly Queue<long> _times = new(2);

    public int Count => _times.Count;

    public long Oldest => _times.Peek();

    /// <summary>Removed from the limiter: a caller holding it must look the phone up again.</summary>
    public bool Swept { get; set; }

    public void Add(long timestamp) => _times.Enqueue(timestamp);

    public void DropAtOrBefore(long timestamp)
    {
        while (_times.Count > 0 && _times.Peek() <= timestamp)
        {
            _times.Dequeue();
        }
    }
}
