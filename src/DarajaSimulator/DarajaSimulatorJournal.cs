namespace Shield.DarajaSimulator;

/// <summary>
/// What the simulator has seen, for tests. Registered as a singleton by
/// <see cref="DarajaSimulatorExtensions.AddDarajaSimulator"/>. Thread-safe.
/// </summary>
public sealed class DarajaSimulatorJournal
{
    /// <summary>The journal keeps the most recent requests (and results) only, so a long local run cannot grow it without bound.</summary>
    internal const int MaxRequests = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<SimulatedRequest> _requests = new();
    private readonly Queue<string> _transactionStatusResults = new();
    private readonly Queue<string> _reversalResults = new();
    private readonly Queue<SimulatorDeviation> _deviations = new();
    private int _tokenRequests;
    private long _tokenEpoch;

    /// <summary>Every request received (up to the last 10,000), oldest first. A snapshot: later requests do not change it.</summary>
    public IReadOnlyList<SimulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Every Transaction Status result body the simulator posted (to ResultURL, or to QueueTimeOutURL for a queue
    /// timeout), exactly as sent, oldest first; up to the last 10,000. Recorded as the post starts, so a body is here
    /// by the time the receiver sees it, whether or not the receiver then answered. A snapshot.
    /// </summary>
    public IReadOnlyList<string> TransactionStatusResults
    {
        get
        {
            lock (_gate)
            {
                return [.. _transactionStatusResults];
            }
        }
    }

    /// <summary>
    /// Every reversal result body the simulator posted (to ResultURL, or to QueueTimeOutURL for a queue timeout), exactly
    /// as sent, oldest first; up to the last 10,000. Recorded as the post starts. A snapshot.
    /// </summary>
    public IReadOnlyList<string> ReversalResults
    {
        get
        {
            lock (_gate)
            {
                return [.. _reversalResults];
            }
        }
    }

    /// <summary>
    /// Every deviation from Daraja's documentation the simulator accepted (with
    /// <see cref="DarajaSimulatorStrictness.Documented"/>), one per field, oldest first; up to the last 10,000. A snapshot.
    /// </summary>
    public IReadOnlyList<SimulatorDeviation> Deviations
    {
        get
        {
            lock (_gate)
            {
                return [.. _deviations];
            }
        }
    }

    /// <summary>How many OAuth tokens were issued (successful token requests only).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Every token issued so far becomes invalid; Daraja then answers <c>404.001.03 Invalid Access Token</c>.</summary>
    public void RevokeTokens() => Interlocked.Increment(ref _tokenEpoch);

    /// <summary>Forgets the recorded requests, Transaction Status and reversal results and deviations and resets <see cref="TokenRequests"/>. Issued tokens stay valid.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _transactionStatusResults.Clear();
            _reversalResults.Clear();
            _deviations.Clear();
        }

        Interlocked.Exchange(ref _tokenRequests, 0);
    }

    /// <summary>Tokens issued in an earlier epoch are revoked.</summary>
    internal long TokenEpoch => Interlocked.Read(ref _tokenEpoch);

    internal void Record(SimulatedRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count == MaxRequests)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    internal void RecordTransactionStatusResult(string body)
    {
        lock (_gate)
        {
            if (_transactionStatusResults.Count == MaxRequests)
            {
                _transactionStatusResults.Dequeue();
            }

            _transactionStatusResults.Enqueue(body);
        }
    }

    internal void RecordReversalResult(string body)
    {
        lock (_gate)
        {
            if (_reversalResults.Count == MaxRequests)
            {
                _reversalResults.Dequeue();
            }

            _reversalResults.Enqueue(body);
        }
    }

    internal void RecordDeviation(SimulatorDeviation deviation)
    {
        lock (_gate)
        {
            if (_deviations.Count == MaxRequests)
            {
                _deviations.Dequeue();
            }

            _deviations.Enqueue(deviation);
        }
    }

    internal void RecordTokenIssued() => Interlocked.Increment(ref _tokenRequests);
}
